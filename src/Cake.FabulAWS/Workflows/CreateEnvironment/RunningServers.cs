using System.Globalization;
using System.Text;
using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>
/// The check FabulAWS left to its users ("be certain that all prior instances of testing servers have been
/// terminated"): CreateEnvironment refuses while any instance tagged with the deployment and environment is not
/// terminated, listing each with its role, address and launch time, and the commands that terminate them.
/// </summary>
internal static class RunningServers
{
    /// <summary>Every state but terminated and shutting-down.</summary>
    public static readonly IReadOnlyList<string> Live = ["pending", "running", "stopping", "stopped"];

    /// <summary>Finds the environment's servers and refuses when there are any.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="CakeException">Servers still run; the message lists them and says how to terminate them.</exception>
    public static async Task RefuseAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var tags = new Dictionary<string, string> { ["deployment"] = target.Deployment, ["environment"] = target.Environment };
        var found = await services.Aws.Instances.FindByTagsAsync(tags, Live, cancellationToken).ConfigureAwait(false);
        if (found.Count > 0)
        {
            throw new CakeException(Refusal(target, found, services.Target.SshAddressAttribute));
        }
    }

    /// <summary>The refusal: the servers, then how to terminate them.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="servers">Its servers that still run.</param>
    /// <param name="addressAttribute">The address to show (<c>ec2_attr_for_ssh</c>).</param>
    /// <returns>The message.</returns>
    public static string Refusal(DeploymentTarget target, IReadOnlyList<Ec2Instance> servers, string addressAttribute)
    {
        var ordered = servers.OrderBy(s => s.Tags.GetValueOrDefault("role") ?? string.Empty, StringComparer.Ordinal).ThenBy(s => s.InstanceId, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"CreateEnvironment builds {target.Deployment}/{target.Environment} from nothing, but {ordered.Count} of its server(s) still run:\n");
        var rows = ordered.Select(s => new[]
        {
            s.InstanceId,
            s.Tags.GetValueOrDefault("role") ?? "(no role)",
            s.Address(addressAttribute) ?? s.PrivateIpAddress ?? "(no address)",
            s.State,
            s.LaunchTime is { } launched ? "launched " + launched.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "launch time unknown",
        }).ToList();
        foreach (var line in TextTable.Lines(["instance", "role", "address", "state", "launch time"], rows))
        {
            text.Append("  ").Append(line).Append('\n');
        }

        var aws = $"aws{(target.EndpointUrl is { } endpoint ? $" --endpoint-url {endpoint}" : string.Empty)} --region {target.Region}";
        var inGroup = ordered.Where(s => s.Tags.GetValueOrDefault("aws:autoscaling:groupName") is { } group && group == target.AutoScalingGroupName).ToList();
        var alone = ordered.Except(inGroup).ToList();
        text.Append("Terminate them first (this is the check FabulAWS asked you to make in the console):\n");
        if (inGroup.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {aws} autoscaling update-auto-scaling-group --auto-scaling-group-name {target.AutoScalingGroupName} --min-size 0 --desired-capacity 0\n");
        }

        if (alone.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {aws} ec2 terminate-instances --instance-ids {string.Join(' ', alone.Select(s => s.InstanceId))}\n");
        }

        text.Append("then run CreateEnvironment again. Nothing was changed.");
        return text.ToString();
    }
}
