using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// The temporary instance an image is baked on: launched from <c>instance_settings.ami</c> with the web role's type,
/// security groups, subnet and key, tagged <c>role=web-builder</c> and the run id; ready once it runs and answers SSH
/// (its host key verified as always); terminated whatever happens.
/// </summary>
/// <param name="services">The run's services.</param>
/// <param name="runId">The run id, tagged on the instance.</param>
internal sealed class BuilderInstance(EnvironmentServices services, string runId)
{
    /// <summary>The role tag of builders.</summary>
    public const string Role = "web-builder";

    /// <summary>Gets the instance, once launched.</summary>
    public Ec2Instance? Instance { get; private set; }

    /// <summary>Gets the host to reach it by, once it runs.</summary>
    public RemoteHost? Host { get; private set; }

    /// <summary>Launches the builder and waits until it runs and answers SSH.</summary>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The host.</returns>
    public async Task<RemoteHost> LaunchAsync(CancellationToken cancellationToken)
    {
        var target = services.Target;
        var zone = target.AvailabilityZones.FirstOrDefault();
        var launch = new InstanceLaunch(target.Instance.Ami, target.WebInstanceType)
        {
            KeyName = target.Instance.KeyName,
            SecurityGroupIds = target.SecurityGroupsFor(target.WebRole),
            SubnetId = zone is not null && target.Subnets.TryGetValue(zone, out var subnet) ? subnet : null,
            Tags = new Dictionary<string, string>
            {
                ["Name"] = $"{target.Deployment}_{target.Environment}_{Role}",
                ["deployment"] = target.Deployment,
                ["environment"] = target.Environment,
                ["role"] = Role,
                ["fabulaws:run"] = runId,
            },
        };
        Instance = await services.Aws.Instances.LaunchAsync(launch, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Builder {0} launched from {1} ({2}).", Instance.InstanceId, launch.ImageId, launch.InstanceType);
        var id = Instance.InstanceId;
        var timeouts = target.Timeouts;
        var running = await services.Waits.UntilAsync(
            new Wait<Ec2Instance?>($"builder {id} to run", timeouts.InstanceRunning, async ct => (await services.Aws.Instances.DescribeAsync([id], ct).ConfigureAwait(false)).FirstOrDefault(), i => i?.State == "running")
            {
                Describe = i => i is null ? "not described yet" : i.State,
                FailFast = i => i?.State is "shutting-down" or "terminated" ? $"the instance is {i.State} (see its state reason in the EC2 console)" : null,
                Poll = timeouts.Poll,
                DeadlineSetting = "timeouts.instance_running",
            },
            cancellationToken).ConfigureAwait(false);
        Host = services.Servers.ToHost(running!);
        await services.Waits.UntilAsync(
            new Wait<string?>($"SSH on builder {Host}", timeouts.SshReady, ct => services.Remote.ProbeAsync(Host, ct), failure => failure is null)
            {
                Describe = failure => failure ?? "logged in",
                Poll = timeouts.Poll,
                DeadlineSetting = "timeouts.ssh_ready",
            },
            cancellationToken).ConfigureAwait(false);
        return Host;
    }

    /// <summary>Terminates the builder, if one was launched; a failure here is logged, never thrown over the first one.</summary>
    /// <returns>What was done, for the summary.</returns>
    public async Task<string?> TerminateAsync()
    {
        if (Instance is null)
        {
            return null;
        }

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await services.Aws.Instances.TerminateAsync([Instance.InstanceId], deadline.Token).ConfigureAwait(false);
            services.Log.Information("Builder {0} terminated.", Instance.InstanceId);
            return $"builder {Instance.InstanceId} terminated";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            services.Log.Error("Could not terminate the builder {0}: {1} Terminate it by hand: aws ec2 terminate-instances --instance-ids {0}", Instance.InstanceId, e.Message);
            return $"builder {Instance.InstanceId} NOT terminated ({e.Message})";
        }
    }
}
