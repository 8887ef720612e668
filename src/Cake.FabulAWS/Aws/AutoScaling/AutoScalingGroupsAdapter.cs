using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="IAutoScalingGroups"/> on the Auto Scaling Query API.</summary>
internal sealed class AutoScalingGroupsAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), IAutoScalingGroups
{
    private const int MaxRecords = 100;

    public async Task<AutoScalingGroup?> FindGroupAsync(string groupName, CancellationToken cancellationToken = default) =>
        (await DescribeGroupsAsync([groupName], cancellationToken).ConfigureAwait(false)).FirstOrDefault(g => g.Name == groupName);

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(IEnumerable<string> groupNames, CancellationToken cancellationToken = default)
    {
        // Up to 100 names per call with MaxRecords=100 (the model's limit); no names describes every group.
        var names = groupNames.ToList();
        var groups = new List<AutoScalingGroup>();
        IEnumerable<string[]> chunks = names.Count == 0 ? [[]] : names.Chunk(MaxRecords);
        foreach (var chunk in chunks)
        {
            var resource = chunk is [var single] ? Group(single) : "Auto Scaling groups";
            var pages = PagesAsync(
                () => new QueryRequest("DescribeAutoScalingGroups").AddList("AutoScalingGroupNames", chunk.Length == 0 ? null : chunk).Add("MaxRecords", MaxRecords),
                "NextToken",
                "NextToken",
                resource,
                cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                groups.AddRange(page.Members("AutoScalingGroups").Select(AutoScalingXml.Group));
            }
        }

        return groups;
    }

    public Task UpdateGroupAsync(GroupUpdate update, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("UpdateAutoScalingGroup")
            .Add("AutoScalingGroupName", update.GroupName)
            .Add("MinSize", update.MinSize)
            .Add("MaxSize", update.MaxSize)
            .Add("DesiredCapacity", update.DesiredCapacity)
            .AddLaunchSource(update.LaunchSource)
            .AddList("TerminationPolicies", update.TerminationPolicies),
        Group(update.GroupName),
        cancellationToken);

    public Task SetDesiredCapacityAsync(string groupName, int desiredCapacity, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("SetDesiredCapacity").Add("AutoScalingGroupName", groupName).Add("DesiredCapacity", desiredCapacity),
        Group(groupName),
        cancellationToken);

    public Task SetTagsAsync(string groupName, IReadOnlyDictionary<string, string> tags, bool propagateAtLaunch, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("CreateOrUpdateTags").AddGroupTags(groupName, tags.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value)), propagateAtLaunch),
        Group(groupName),
        cancellationToken);

    public Task DeleteTagsAsync(string groupName, IEnumerable<string> keys, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("DeleteTags").AddGroupTags(groupName, keys.Select(k => new KeyValuePair<string, string?>(k, null)), null),
        Group(groupName),
        cancellationToken);

    public async Task<IReadOnlyList<ScalingActivity>> DescribeActivitiesAsync(string groupName, int maxRecords = 20, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(
            new QueryRequest("DescribeScalingActivities").Add("AutoScalingGroupName", groupName).Add("MaxRecords", Math.Clamp(maxRecords, 1, MaxRecords)),
            Group(groupName),
            cancellationToken).ConfigureAwait(false);
        return result.Members("Activities").Select(AutoScalingXml.Activity).ToList();
    }

    internal static string Group(string name) => $"Auto Scaling group '{name}'";
}
