using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS;

/// <content>Reading back a release by the name CreateLaunchConfig printed.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Finds a launch template version or launch configuration CreateLaunchConfig made, by the name it printed, with
    /// the commit it holds; fails clearly for a name that does not exist or that CreateLaunchConfig did not make.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="name">The name: <c>template:version</c>, or a launch configuration's name.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The release.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("WhatIsIn").Does(async () =&gt;
    ///     Information("demo-staging-lt:7 holds {0}", (await FabulAwsFindLaunchConfigAsync(staging, "demo-staging-lt:7")).Commit));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.LaunchConfig)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.LaunchConfig")]
    public static Task<LaunchConfigResult> FabulAwsFindLaunchConfigAsync(this ICakeContext context, DeploymentTarget target, string name, EnvironmentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return RunAsync(context, target, options, "FindLaunchConfig", (services, cancellationToken) => new Releases(services).FindAsync(name, cancellationToken), planAware: true);
    }
}
