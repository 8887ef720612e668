using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Autoscaling;

namespace Cake.FabulAWS;

/// <content>Suspending Auto Scaling processes.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Suspends scaling processes of the environment's Auto Scaling group (all of them when none are named, as in
    /// FabulAWS) and logs the group's state afterwards. Names are checked before any AWS call.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="processes">Process names such as <c>Launch</c>, <c>Terminate</c>, or one comma-separated list; null or empty for all.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The group afterwards.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("HoldScaling").Does(async () =&gt; await FabulAwsSuspendAutoscalingAsync(staging, new[] { "Launch", "Terminate" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.AutoScaling)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Autoscaling")]
    public static Task<AutoScalingGroup> FabulAwsSuspendAutoscalingAsync(this ICakeContext context, DeploymentTarget target, IEnumerable<string>? processes = null, EnvironmentOptions? options = null)
    {
        var names = ScalingProcessNames.Parse(processes);
        return RunChangingAsync(
            context,
            target,
            options,
            "SuspendAutoscaling",
            null,
            (services, cancellationToken) => Processes(services).SuspendAsync(target.AutoScalingGroupName, names, cancellationToken),
            (services, cancellationToken) => Processes(services).PlanAsync(target.AutoScalingGroupName, names, suspend: true, cancellationToken));
    }

    private static AutoscalingProcessesWorkflow Processes(EnvironmentServices services) =>
        new(services.Aws.AutoScalingGroups, services.Aws.ScalingProcesses, services.Log);
}
