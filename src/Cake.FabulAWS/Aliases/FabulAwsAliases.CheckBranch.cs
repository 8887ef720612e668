using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Git;
using Cake.FabulAWS.Workflows.CheckBranch;

namespace Cake.FabulAWS;

/// <content>The branch check made before a deployment.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Refuses to go on unless the local checkout is on <paramref name="expectedBranch"/>, has no uncommitted
    /// (or untracked) changes, and after a fetch points at the same commit as the remote branch.
    /// Each refusal is a <see cref="CakeException"/> whose message says what to run; git never prompts.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="expectedBranch">The branch mapped to the environment being deployed, such as <c>main</c>.</param>
    /// <param name="settings">The remote, the checkout and the fetch time-out; defaults when null.</param>
    /// <returns>A task that completes when the checkout passed.</returns>
    /// <example>
    /// <code>
    /// #addin nuget:?package=Cake.FabulAWS&amp;loaddependencies=true
    ///
    /// Task("CheckBranch")
    ///     .Does(async () =>
    /// {
    ///     await FabulAwsCheckBranchAsync("main", new CheckBranchSettings
    ///     {
    ///         Remote = "origin",
    ///         FetchTimeout = TimeSpan.FromSeconds(90),
    ///     });
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Git)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.CheckBranch")]
    public static Task FabulAwsCheckBranchAsync(this ICakeContext context, string expectedBranch, CheckBranchSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedBranch);
        settings ??= new CheckBranchSettings();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.FetchTimeout, TimeSpan.Zero, "settings.FetchTimeout");

        var directory = (settings.WorkingDirectory ?? context.Environment.WorkingDirectory).MakeAbsolute(context.Environment);
        var git = new GitCommandLine(new GitCommandLineOptions(directory.FullPath) { FetchTimeout = settings.FetchTimeout });
        return new CheckBranchWorkflow(git, context.Log, TimeProvider.System).RunAsync(expectedBranch, settings.Remote);
    }
}
