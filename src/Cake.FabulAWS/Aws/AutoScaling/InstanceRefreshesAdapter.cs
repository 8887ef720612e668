using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="IInstanceRefreshes"/> on Start/Describe/CancelInstanceRefresh(es).</summary>
internal sealed class InstanceRefreshesAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), IInstanceRefreshes
{
    public async Task<string> StartAsync(string groupName, InstanceRefreshPreferences preferences, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(
            new QueryRequest("StartInstanceRefresh")
                .Add("AutoScalingGroupName", groupName)
                .Add("Strategy", "Rolling")
                .AddLaunchSource(preferences.DesiredLaunchTemplate, "DesiredConfiguration.")
                .Add("Preferences.MinHealthyPercentage", preferences.MinHealthyPercentage)
                .Add("Preferences.MaxHealthyPercentage", preferences.MaxHealthyPercentage)
                .Add("Preferences.InstanceWarmup", preferences.InstanceWarmupSeconds)
                .Add("Preferences.SkipMatching", preferences.SkipMatching),
            AutoScalingGroupsAdapter.Group(groupName),
            cancellationToken).ConfigureAwait(false);
        return result.Text("InstanceRefreshId") ?? string.Empty;
    }

    public async Task<IReadOnlyList<InstanceRefresh>> DescribeAsync(string groupName, IEnumerable<string> refreshIds, CancellationToken cancellationToken = default)
    {
        var ids = refreshIds.ToList();
        var refreshes = new List<InstanceRefresh>();
        var pages = PagesAsync(
            () => new QueryRequest("DescribeInstanceRefreshes").Add("AutoScalingGroupName", groupName).AddList("InstanceRefreshIds", ids.Count == 0 ? null : ids),
            "NextToken",
            "NextToken",
            AutoScalingGroupsAdapter.Group(groupName),
            cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            refreshes.AddRange(page.Members("InstanceRefreshes").Select(AutoScalingXml.Refresh));
        }

        return refreshes;
    }

    public Task<string?> RollbackAsync(string groupName, CancellationToken cancellationToken = default) => EndAsync("RollbackInstanceRefresh", groupName, cancellationToken);

    public Task<string?> CancelAsync(string groupName, CancellationToken cancellationToken = default) => EndAsync("CancelInstanceRefresh", groupName, cancellationToken);

    private async Task<string?> EndAsync(string action, string groupName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync(
                new QueryRequest(action).Add("AutoScalingGroupName", groupName),
                AutoScalingGroupsAdapter.Group(groupName),
                cancellationToken).ConfigureAwait(false);
            return result.Text("InstanceRefreshId");
        }
        catch (AwsOperationException e) when (e.ErrorCode == "ActiveInstanceRefreshNotFound")
        {
            return null;
        }
    }
}
