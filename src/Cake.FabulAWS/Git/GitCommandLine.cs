using System.Globalization;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Git;

/// <summary>The local checkout, read and fetched through the <c>git</c> command line.</summary>
/// <param name="options">Where git runs and its time limits.</param>
internal sealed class GitCommandLine(GitCommandLineOptions options) : IGitRepository
{
    private const int NoMatch = 1;

    /// <inheritdoc/>
    public async Task<string?> GetCurrentBranchAsync(CancellationToken cancellationToken = default)
    {
        // Exit code 1 without output: HEAD is not a branch (detached).
        var result = await RunAsync(["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken, NoMatch).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    /// <inheritdoc/>
    public async Task<string> GetHeadCommitAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken, NoMatch).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.StandardOutput.Trim()
            : throw new Core.CakeException(
                $"The repository in {options.WorkingDirectory} has no commit yet (`{result.Command}` found no HEAD). Commit and push first.");
    }

    /// <inheritdoc/>
    public async Task<bool> HasRemoteAsync(string remote, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["remote"], cancellationToken).ConfigureAwait(false);
        return result.OutputLines.Contains(remote, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async Task FetchAsync(string remote, string branch, CancellationToken cancellationToken = default)
    {
        var trackingRef = $"refs/remotes/{remote}/{branch}";
        var batchSsh = !await HasUserSshCommandAsync(cancellationToken).ConfigureAwait(false);
        string[] fetch = ["fetch", "--no-tags", "--no-recurse-submodules", "--", remote, $"+refs/heads/{branch}:{trackingRef}"];
        var result = await GitProcess.RunAsync(options, fetch, options.FetchTimeout, batchSsh, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return;
        }

        if (!result.StandardError.Contains("couldn't find remote ref", StringComparison.Ordinal))
        {
            throw GitErrors.Failed(result, options.WorkingDirectory);
        }

        // The branch is gone from the remote: drop a stale tracking ref, as `git fetch --prune` would,
        // so that CompareWithAsync reports it missing instead of comparing with an old commit.
        await RunAsync(["update-ref", "-d", trackingRef], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetUncommittedChangesAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["status", "--porcelain=v1", "--untracked-files=normal"], cancellationToken).ConfigureAwait(false);
        return result.OutputLines;
    }

    /// <inheritdoc/>
    public async Task<BranchDivergence?> CompareWithAsync(string remoteBranch, CancellationToken cancellationToken = default)
    {
        var reference = remoteBranch.StartsWith("refs/", StringComparison.Ordinal) ? remoteBranch : $"refs/remotes/{remoteBranch}";
        var exists = await RunAsync(["rev-parse", "--verify", "--quiet", $"{reference}^{{commit}}"], cancellationToken, NoMatch).ConfigureAwait(false);
        if (exists.ExitCode != 0)
        {
            return null;
        }

        var counts = await RunAsync(["rev-list", "--left-right", "--count", $"HEAD...{reference}"], cancellationToken).ConfigureAwait(false);
        var parts = counts.StandardOutput.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            ? new BranchDivergence(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture))
            : throw new Core.CakeException($"`{counts.Command}` printed '{counts.StandardOutput.Trim()}', expected two counts.");
    }

    /// <inheritdoc/>
    public async Task<bool> IsTrackedAsync(string path, CancellationToken cancellationToken = default)
    {
        // Literal pathspecs: a file named '*.yml' means that file, not a pattern.
        string[] listFile = ["--literal-pathspecs", "ls-files", "--cached", "-z", "--", path];
        var result = await GitProcess.RunAsync(options, listFile, options.CommandTimeout, batchSsh: false, cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => result.StandardOutput.Length > 0,
            _ when result.StandardError.Contains("is outside repository", StringComparison.Ordinal) => false,
            _ => throw GitErrors.Failed(result, options.WorkingDirectory),
        };
    }

    /// <inheritdoc/>
    public async Task<byte[]> ArchiveAsync(string commit, CancellationToken cancellationToken = default)
    {
        CommitId.EnsureValid(commit, "git archive");
        var directory = Directory.CreateTempSubdirectory("fabulaws-archive-");
        try
        {
            var tar = Path.Combine(directory.FullName, "code.tar");
            await RunAsync(["archive", "--format=tar", "--output", tar, $"{commit}^{{commit}}"], cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(tar, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <inheritdoc/>
    public async Task<string?> GetRemoteUrlAsync(string remote, CancellationToken cancellationToken = default)
    {
        // Exit code 2: no such remote.
        var result = await GitProcess.RunAsync(options, ["remote", "get-url", "--", remote], options.CommandTimeout, batchSsh: false, cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => result.StandardOutput.Trim(),
            2 => null,
            _ => throw GitErrors.Failed(result, options.WorkingDirectory),
        };
    }

    private async Task<bool> HasUserSshCommandAsync(CancellationToken cancellationToken)
    {
        if (GitEnvironment.HasUserSshCommand(options))
        {
            return true;
        }

        // Exit code 1: core.sshCommand is not set, so git would run plain ssh.
        var result = await RunAsync(["config", "--get", "core.sshCommand"], cancellationToken, NoMatch).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    private async Task<GitResult> RunAsync(string[] arguments, CancellationToken cancellationToken, int? allowedExitCode = null)
    {
        var result = await GitProcess.RunAsync(options, arguments, options.CommandTimeout, batchSsh: false, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 || (result.ExitCode == allowedExitCode && result.StandardError.Length == 0)
            ? result
            : throw GitErrors.Failed(result, options.WorkingDirectory);
    }
}
