using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>
/// Refuses to deploy from a checkout that is not on the expected branch, has uncommitted changes,
/// or differs from the remote branch after a fetch.
/// </summary>
/// <param name="git">The checkout.</param>
/// <param name="log">Where progress is written.</param>
/// <param name="time">The clock used to time the fetch.</param>
internal sealed class CheckBranchWorkflow(IGitRepository git, ICakeLog log, TimeProvider time)
{
    /// <summary>Runs the checks, in the order a person would fix them.</summary>
    /// <param name="expectedBranch">The branch mapped to the environment being deployed.</param>
    /// <param name="remote">The remote whose branch must match, such as origin.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The branch and commit that passed.</returns>
    /// <exception cref="Core.CakeException">A check failed; the message says what to do.</exception>
    public async Task<CheckedBranch> RunAsync(string expectedBranch, string remote, CancellationToken cancellationToken = default)
    {
        BranchNames.EnsureValid(expectedBranch, "branch");
        BranchNames.EnsureValid(remote, "remote");
        if (!await git.HasRemoteAsync(remote, cancellationToken).ConfigureAwait(false))
        {
            throw CheckBranchRefusals.MissingRemote(remote, expectedBranch);
        }

        var branch = await git.GetCurrentBranchAsync(cancellationToken).ConfigureAwait(false);
        if (branch is null)
        {
            var detachedAt = await git.GetHeadCommitAsync(cancellationToken).ConfigureAwait(false);
            throw CheckBranchRefusals.DetachedHead(detachedAt, expectedBranch);
        }

        if (!string.Equals(branch, expectedBranch, StringComparison.Ordinal))
        {
            throw CheckBranchRefusals.WrongBranch(branch, expectedBranch);
        }

        var changes = await git.GetUncommittedChangesAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Count > 0)
        {
            throw CheckBranchRefusals.UncommittedChanges(branch, changes);
        }

        await FetchAsync(remote, branch, cancellationToken).ConfigureAwait(false);
        var divergence = await git.CompareWithAsync($"{remote}/{branch}", cancellationToken).ConfigureAwait(false);
        var commit = await git.GetHeadCommitAsync(cancellationToken).ConfigureAwait(false);
        if (divergence is null)
        {
            throw CheckBranchRefusals.MissingRemoteBranch(remote, branch);
        }

        if (!divergence.IsUpToDate)
        {
            throw CheckBranchRefusals.Diverged(remote, branch, commit, divergence);
        }

        log.Information("Branch {0} at {1} is clean and matches {2}/{0}.", branch, commit, remote);
        return new CheckedBranch(branch, commit);
    }

    private async Task FetchAsync(string remote, string branch, CancellationToken cancellationToken)
    {
        log.Verbose("Fetching {0} from {1}...", branch, remote);
        var started = time.GetTimestamp();
        await git.FetchAsync(remote, branch, cancellationToken).ConfigureAwait(false);
        log.Verbose("Fetched {0}/{1} in {2:0.0} s.", remote, branch, time.GetElapsedTime(started).TotalSeconds);
    }
}
