using Cake.Core;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>The reasons <see cref="CheckBranchWorkflow"/> refuses a checkout, each with what to do.</summary>
internal static class CheckBranchRefusals
{
    /// <summary>How many uncommitted changes a message lists before it summarises the rest.</summary>
    public const int MaxListedChanges = 10;

    private static readonly string NewLine = Environment.NewLine;

    /// <summary>The remote is not configured.</summary>
    public static CakeException MissingRemote(string remote, string branch) => new(
        $"The git remote '{remote}' is not configured in this checkout, so it cannot be checked that '{branch}' is pushed. " +
        $"Add it: git remote add {remote} <url of the project's repository>" +
        $"{NewLine}(list the remotes you have with: git remote -v; or set CheckBranchSettings.Remote to the one you use)");

    /// <summary>HEAD is not on a branch.</summary>
    public static CakeException DetachedHead(string commit, string expectedBranch) => new(
        $"HEAD is detached at {Short(commit)} (not on any branch), but this environment deploys branch '{expectedBranch}'. " +
        $"Check it out: git checkout {expectedBranch}");

    /// <summary>Another branch is checked out.</summary>
    public static CakeException WrongBranch(string currentBranch, string expectedBranch) => new(
        $"The checkout is on branch '{currentBranch}', but this environment deploys branch '{expectedBranch}'. " +
        $"Switch to it: git checkout {expectedBranch}");

    /// <summary>The work tree has changes that are not committed.</summary>
    public static CakeException UncommittedChanges(string branch, IReadOnlyList<string> changes)
    {
        var listed = changes.Take(MaxListedChanges).Select(change => "  " + change);
        var more = changes.Count > MaxListedChanges ? [$"  ... and {changes.Count - MaxListedChanges} more (git status)"] : Array.Empty<string>();
        return new CakeException(
            $"The work tree of '{branch}' has {Plural(changes.Count, "uncommitted change")}; a deployment must be made from a pushed commit. " +
            $"Commit and push them, or stash them (git stash --include-untracked):{NewLine}" +
            string.Join(NewLine, listed.Concat(more)));
    }

    /// <summary>The branch does not exist on the remote.</summary>
    public static CakeException MissingRemoteBranch(string remote, string branch) => new(
        $"Branch '{branch}' does not exist on remote '{remote}', so there is nothing to deploy it from. " +
        $"Push it: git push -u {remote} {branch}");

    /// <summary>HEAD and the remote branch point at different commits.</summary>
    public static CakeException Diverged(string remote, string branch, string commit, BranchDivergence divergence)
    {
        var fix = (divergence.Ahead, divergence.Behind) switch
        {
            (> 0, 0) => $"Push your commits: git push {remote} {branch}",
            (0, > 0) => $"Pull the remote commits: git pull --ff-only {remote} {branch}",
            _ => $"The branches have diverged: bring in the remote commits (git pull --rebase {remote} {branch}), then push (git push {remote} {branch})",
        };
        return new CakeException(
            $"Branch '{branch}' (HEAD {Short(commit)}) is not the same as {remote}/{branch}: " +
            $"ahead {divergence.Ahead}, behind {divergence.Behind} ({Plural(divergence.Ahead, "local commit")} not pushed, " +
            $"{Plural(divergence.Behind, "remote commit")} not pulled). {fix}");
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
