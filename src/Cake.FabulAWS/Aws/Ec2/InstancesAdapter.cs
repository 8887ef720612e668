using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.Ec2;

/// <summary><see cref="IInstances"/> on AWSSDK.EC2.</summary>
internal sealed class InstancesAdapter(Func<IAmazonEC2> ec2, Func<string> region) : Ec2Adapter(ec2, region), IInstances
{
    private static readonly string[] LiveStates = ["pending", "running", "stopping", "stopped", "shutting-down"];

    public Task<IReadOnlyList<Ec2Instance>> FindByTagsAsync(IReadOnlyDictionary<string, string> tags, IEnumerable<string> states, CancellationToken cancellationToken = default)
    {
        var wanted = states.ToList();
        var filters = Ec2Mapping.TagFilters(tags);
        filters.Add(new Filter { Name = "instance-state-name", Values = wanted.Count == 0 ? [.. LiveStates] : wanted });
        var resource = $"instances tagged {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}";
        return DescribePagesAsync(new DescribeInstancesRequest { Filters = filters, MaxResults = 1000 }, resource, cancellationToken);
    }

    public Task<IReadOnlyList<Ec2Instance>> DescribeAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default)
    {
        var ids = instanceIds.ToList();
        return ids.Count == 0
            ? Task.FromResult<IReadOnlyList<Ec2Instance>>([])
            : DescribePagesAsync(new DescribeInstancesRequest { InstanceIds = ids }, Resource(ids), cancellationToken);
    }

    public Task<Ec2Instance> LaunchAsync(InstanceLaunch launch, CancellationToken cancellationToken = default) =>
        CallAsync("RunInstances", $"image '{launch.ImageId}'", async () =>
        {
            var request = new RunInstancesRequest
            {
                MinCount = 1,
                MaxCount = 1,
                ImageId = launch.ImageId,
                InstanceType = launch.InstanceType is { Length: > 0 } type ? InstanceType.FindValue(type) : null,
                KeyName = launch.KeyName,
                // fabulaws-config.yml may name groups (EC2-Classic style, default VPC) or give their ids (any VPC)
                SecurityGroupIds = launch.SecurityGroupIds.Where(IsGroupId).ToList() is { Count: > 0 } ids ? ids : null,
                SecurityGroups = launch.SecurityGroupIds.Where(g => !IsGroupId(g)).ToList() is { Count: > 0 } names ? names : null,
                SubnetId = launch.SubnetId,
                Placement = launch.AvailabilityZone is { } zone ? new Placement { AvailabilityZone = zone } : null,
                UserData = Ec2Mapping.Base64(launch.UserData),
                TagSpecifications = Ec2Mapping.TagSpecifications("instance", launch.Tags),
                LaunchTemplate = launch.LaunchTemplate is { } template ? Ec2LaunchTemplates.Specification(template) : null,
            };
            var response = await Ec2.RunInstancesAsync(request, cancellationToken).ConfigureAwait(false);
            return Ec2Mapping.Instance(response.Reservation.Instances.Single());
        });

    public Task TerminateAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default)
    {
        var ids = instanceIds.ToList();
        return ids.Count == 0
            ? Task.CompletedTask
            : CallAsync("TerminateInstances", Resource(ids), () => Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, cancellationToken));
    }

    public Task TagAsync(IEnumerable<string> resourceIds, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        var ids = resourceIds.ToList();
        return CallAsync("CreateTags", $"resources {string.Join(", ", ids)}", () =>
            Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = ids, Tags = Ec2Mapping.Tags(tags) }, cancellationToken));
    }

    public Task<string> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken = default) =>
        CallAsync("GetConsoleOutput", Resource([instanceId]), async () =>
        {
            var response = await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(response.Output) ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(response.Output));
        });

    private Task<IReadOnlyList<Ec2Instance>> DescribePagesAsync(DescribeInstancesRequest request, string resource, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<Ec2Instance>>("DescribeInstances", resource, async () =>
        {
            var found = new List<Ec2Instance>();
            do
            {
                var response = await Ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange((response.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(Ec2Mapping.Instance));
                request.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return found;
        });

    private static bool IsGroupId(string group) => group.StartsWith("sg-", StringComparison.Ordinal);

    private static string Resource(IReadOnlyList<string> ids) => ids.Count == 1 ? $"instance '{ids[0]}'" : $"instances {string.Join(", ", ids)}";
}
