using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Autoscaling;

namespace Cake.FabulAWS;

/// <content>Resuming Auto Scaling processes.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Resumes scaling processes of the environment's Auto Scaling group (all of them when none are named) and logs
    /// the group's state afterwards. Names are checked before any AWS call.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="processes">Process names, or one comma-separated list; null or empty for all.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The group afterwards.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("ReleaseScaling").Does(async () =&gt; await FabulAwsResumeAutoscalingAsync(staging));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.AutoScaling)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Autoscaling")]
    public static Task<AutoScalingGroup> FabulAwsResumeAutoscalingAsync(this ICakeContext context, DeploymentTarget target, IEnumerable<string>? processes = null, EnvironmentOptions? options = null)
    {
        var names = ScalingProcessNames.Parse(processes);
        return RunChangingAsync(
            context,
            target,
            options,
            "ResumeAutoscaling",
            null,
            (services, cancellationToken) => Processes(services).ResumeAsync(target.AutoScalingGroupName, names, cancellationToken),
            (services, cancellationToken) => Processes(services).PlanAsync(target.AutoScalingGroupName, names, suspend: false, cancellationToken));
    }
}
