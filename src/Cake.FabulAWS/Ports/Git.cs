namespace Cake.FabulAWS.Ports;

/// <summary>How far the local branch is from its remote branch.</summary>
/// <param name="Ahead">Local commits the remote branch does not have.</param>
/// <param name="Behind">Remote commits the local branch does not have.</param>
public sealed record BranchDivergence(int Ahead, int Behind)
{
    /// <summary>Gets a value indicating whether both point at the same commit.</summary>
    public bool IsUpToDate => Ahead == 0 && Behind == 0;
}

/// <summary>The local git checkout a deployment is made from.</summary>
public interface IGitRepository
{
    /// <summary>Gets the checked-out branch.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The branch name, or <c>null</c> for a detached HEAD.</returns>
    Task<string?> GetCurrentBranchAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the commit id of HEAD.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The full commit id.</returns>
    Task<string> GetHeadCommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Tells whether a remote of that name is configured.</summary>
    /// <param name="remote">The remote name, such as origin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it exists.</returns>
    Task<bool> HasRemoteAsync(string remote, CancellationToken cancellationToken = default);

    /// <summary>Fetches a branch from a remote.</summary>
    /// <param name="remote">The remote name.</param>
    /// <param name="branch">The branch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task FetchAsync(string remote, string branch, CancellationToken cancellationToken = default);

    /// <summary>Lists uncommitted changes (staged, unstaged and untracked), one porcelain line each.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes; empty for a clean work tree.</returns>
    Task<IReadOnlyList<string>> GetUncommittedChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Compares HEAD with a remote-tracking branch such as origin/main.</summary>
    /// <param name="remoteBranch">The remote-tracking ref.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The divergence, or <c>null</c> when the remote branch does not exist.</returns>
    Task<BranchDivergence?> CompareWithAsync(string remoteBranch, CancellationToken cancellationToken = default);

    /// <summary>Tells whether git tracks a file (used to refuse secrets files that are committed).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the file is in the index.</returns>
    Task<bool> IsTrackedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Gives the files of one commit, as git stores them, as a tar archive (<c>git archive</c>).</summary>
    /// <param name="commit">The commit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tar bytes.</returns>
    Task<byte[]> ArchiveAsync(string commit, CancellationToken cancellationToken = default);

    /// <summary>Gets the URL a remote fetches from.</summary>
    /// <param name="remote">The remote name, such as origin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The URL, or <c>null</c> when there is no such remote.</returns>
    Task<string?> GetRemoteUrlAsync(string remote, CancellationToken cancellationToken = default);
}
