using Cake.Core;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// Finds the servers of an environment as FabulAWS did: EC2 instances tagged <c>deployment</c>, <c>environment</c> and
/// <c>role</c>; web servers are the InService instances of the Auto Scaling group. Each is addressed by the configured
/// attribute (private_ip_address, ip_address, public_dns_name or private_dns_name).
/// </summary>
internal sealed class ServerDirectory
{
    private static readonly string[] Running = ["running"];
    private readonly IInstances instances;
    private readonly IAutoScalingGroups groups;
    private readonly string addressAttribute;

    /// <summary>Initializes a new instance of the <see cref="ServerDirectory"/> class.</summary>
    /// <param name="instances">The EC2 port.</param>
    /// <param name="groups">The Auto Scaling port.</param>
    /// <param name="addressAttribute">The instance attribute to connect to.</param>
    public ServerDirectory(IInstances instances, IAutoScalingGroups groups, string addressAttribute)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(groups);
        try
        {
            _ = new Ec2Instance("i-check", "running", null, null, null, null, null, null, new Dictionary<string, string>()).Address(addressAttribute);
        }
        catch (ArgumentException e)
        {
            throw new CakeException($"SSH address attribute: {e.Message}");
        }

        this.instances = instances;
        this.groups = groups;
        this.addressAttribute = addressAttribute;
    }

    /// <summary>Finds the running servers of one role.</summary>
    /// <param name="deployment">The deployment tag.</param>
    /// <param name="environment">The environment tag.</param>
    /// <param name="role">The role tag, such as worker.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hosts, ordered by instance id.</returns>
    public async Task<IReadOnlyList<RemoteHost>> FindRoleAsync(string deployment, string environment, string role, CancellationToken cancellationToken = default)
    {
        var tags = new Dictionary<string, string> { ["deployment"] = deployment, ["environment"] = environment, ["role"] = role };
        var found = await instances.FindByTagsAsync(tags, Running, cancellationToken).ConfigureAwait(false);
        return [.. found.OrderBy(i => i.InstanceId, StringComparer.Ordinal).Select(ToHost)];
    }

    /// <summary>Finds the running servers of several roles, each instance once.</summary>
    /// <param name="deployment">The deployment tag.</param>
    /// <param name="environment">The environment tag.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hosts.</returns>
    public async Task<IReadOnlyList<RemoteHost>> FindRolesAsync(string deployment, string environment, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        var hosts = new List<RemoteHost>();
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            hosts.AddRange(await FindRoleAsync(deployment, environment, role, cancellationToken).ConfigureAwait(false));
        }

        return [.. hosts.DistinctBy(h => h.InstanceId ?? h.Address)];
    }

    /// <summary>Finds the web servers: the group's InService instances that are running.</summary>
    /// <param name="groupName">The Auto Scaling group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hosts, ordered by instance id.</returns>
    public async Task<IReadOnlyList<RemoteHost>> FindWebServersAsync(string groupName, CancellationToken cancellationToken = default)
    {
        var group = await groups.FindGroupAsync(groupName, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Auto Scaling group '{groupName}' not found: check auto_scaling_groups in fabulaws-config.yml and the AWS region.");
        var ids = group.Instances.Where(i => i.IsInService).Select(i => i.InstanceId).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var described = await instances.DescribeAsync(ids, cancellationToken).ConfigureAwait(false);
        return [.. described.Where(i => i.State == "running").OrderBy(i => i.InstanceId, StringComparer.Ordinal).Select(ToHost)];
    }

    /// <summary>Turns an instance into a host, by the configured address attribute.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The host.</returns>
    public RemoteHost ToHost(Ec2Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var address = instance.Address(addressAttribute);
        return string.IsNullOrWhiteSpace(address)
            ? throw new CakeException($"Instance {instance.InstanceId} has no {addressAttribute} to connect to over SSH. Choose another address attribute (private_ip_address, ip_address, public_dns_name, private_dns_name), or give the instance one.")
            : new RemoteHost(address, instance.InstanceId);
    }
}
