using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.FabulAWS.Configuration;
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
    /// <returns>The branch and commit that passed: deploy that commit.</returns>
    /// <example>
    /// <code>
    /// Task("CheckBranch")
    ///     .Does(async () =>
    /// {
    ///     var verified = await FabulAwsCheckBranchAsync("main", new CheckBranchSettings
    ///     {
    ///         Remote = "origin",
    ///         FetchTimeout = TimeSpan.FromSeconds(90),
    ///     });
    ///     Information("Deploying {0} at {1}", verified.Branch, verified.Commit);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Git)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.CheckBranch")]
    public static Task<CheckedBranch> FabulAwsCheckBranchAsync(this ICakeContext context, string expectedBranch, CheckBranchSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedBranch);
        settings ??= new CheckBranchSettings();
        return CheckBranch(context, expectedBranch, settings.WorkingDirectory ?? context.Environment.WorkingDirectory, settings);
    }

    /// <summary>
    /// Checks the checkout that holds fabulaws-config.yml against the branch of the environment: on that branch,
    /// no uncommitted changes, and after a fetch the same commit as the remote branch.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="settings">The remote and the fetch time-out; the checkout is the config file's unless set.</param>
    /// <returns>The branch and commit that passed: deploy that commit.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// CheckedBranch verified = null;
    /// Task("CheckBranch").Does(async () => verified = await FabulAwsCheckBranchAsync(staging));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Git)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.CheckBranch")]
    public static Task<CheckedBranch> FabulAwsCheckBranchAsync(this ICakeContext context, DeploymentTarget target, CheckBranchSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        settings ??= new CheckBranchSettings();
        return CheckBranch(context, target.Branch, settings.WorkingDirectory ?? new DirectoryPath(target.ConfigDirectory), settings);
    }

    private static async Task<CheckedBranch> CheckBranch(ICakeContext context, string branch, DirectoryPath checkout, CheckBranchSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.FetchTimeout, TimeSpan.Zero, "settings.FetchTimeout");
        var directory = checkout.MakeAbsolute(context.Environment);
        var git = new GitCommandLine(new GitCommandLineOptions(directory.FullPath) { FetchTimeout = settings.FetchTimeout });
        using var signals = new InterruptSignals(context.Log);
        try
        {
            return await new CheckBranchWorkflow(git, context.Log, TimeProvider.System).RunAsync(branch, settings.Remote, signals.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            throw new CakeException($"CheckBranch was stopped by {signal}; nothing was changed.");
        }
    }
}
