using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// Rollback: back to the launch source the group had before the deploy that made what it launches now (from the
/// group's history), by a serial replacement without deploy_worker. Each Rollback goes one deploy further back.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class RollbackWorkflow(EnvironmentServices services)
{
    public async Task<DeployResult> RunAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(services.Target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Auto Scaling group '{services.Target.AutoScalingGroupName}' not found in {services.Target.Region}: check auto_scaling_groups in fabulaws-config.yml.");
        var history = DeployHistory.FromTags(group.Tags);
        var last = history.FirstOrDefault(e => e.Kind != "Rollback" && e.Result is DeployHistoryEntry.Succeeded or "finished after an interruption" && LaunchSources.Same(e.To, group.LaunchSource))
            ?? throw new CakeException($"Rollback needs the deploy that made {group.LaunchSource?.ToString() ?? "what the group launches"}, and the group's history of its last {DeployHistory.Kept} deploys has none"
                + $"{(history.Count == 0 ? string.Empty : $" (it has: {string.Join("; ", history.Select(e => $"{e.Kind} of {e.To.ReleaseName} {e.Result}"))})")}. "
                + "Deploy the release to go back to instead: DeploySerial --launch-config=NAME. Nothing was changed.");
        var previous = last.From ?? throw new CakeException($"The {last.Kind} of {last.To.ReleaseName} did not record what the group launched before it. Deploy the release to go back to with DeploySerial --launch-config=NAME. Nothing was changed.");
        var commit = history.FirstOrDefault(e => LaunchSources.Same(e.To, previous))?.Commit ?? await CommitOfAsync(previous, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Rollback of {0}/{1}: the group launches {2} since the {3} of {4:u} by {5}; back to {6} ({7}).",
            services.Target.Deployment, services.Target.Environment, last.To, last.Kind, last.Ended, last.Holder, previous, commit);
        var release = new LaunchConfigResult(previous.ReleaseName, commit, string.Empty, string.Empty, previous);
        return await new SerialDeployWorkflow(services).RunAsync(settings with { Release = release }, cancellationToken, "Rollback").ConfigureAwait(false);
    }

    private async Task<string> CommitOfAsync(Ports.LaunchSource source, CancellationToken cancellationToken)
    {
        try
        {
            return (await new Releases(services).FindAsync(source.ReleaseName, cancellationToken).ConfigureAwait(false)).Commit;
        }
        catch (CakeException)
        {
            return "commit unknown"; // a launch source CreateLaunchConfig did not make: the rollback does not need it
        }
    }
}
