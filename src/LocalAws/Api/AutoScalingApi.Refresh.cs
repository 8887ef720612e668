using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Instance refresh.</content>
internal sealed partial class AutoScalingApi
{
    private void StartInstanceRefresh(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        if (Active(group.Name) is not null)
        {
            throw new AwsException("InstanceRefreshInProgress", $"An Instance Refresh is already in progress and blocks the execution of this Instance Refresh for group {group.Name}.");
        }

        var preferences = request.Sub("Preferences");
        var refresh = new InstanceRefresh(Guid.NewGuid().ToString(), group.Name, Now)
        {
            MinHealthyPercentage = preferences.Int("MinHealthyPercentage") ?? 90,
            InstanceWarmup = preferences.Int("InstanceWarmup") ?? group.HealthCheckGracePeriod,
            InstancesToUpdate = group.Active.Count(),
        };
        Cloud.State.InstanceRefreshes.Add(refresh);
        Cloud.Wake();
        xml.Leaf("InstanceRefreshId", refresh.Id);
    }

    private void DescribeInstanceRefreshes(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var ids = request.Strings("InstanceRefreshIds");
        var all = Cloud.State.InstanceRefreshes.Where(r => r.GroupName == group.Name && (ids.Count == 0 || ids.Contains(r.Id))).Reverse().ToList();
        var (page, next) = Paging.Page(all, request.Get("NextToken"), request.Int("MaxRecords"), 50, 100);
        xml.List("InstanceRefreshes", page, AutoScalingXml.Refresh).Leaf("NextToken", next);
    }

    private void CancelInstanceRefresh(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var refresh = Active(group.Name) ?? throw new AwsException("ActiveInstanceRefreshNotFound", $"No in progress or pending Instance Refresh found for Auto Scaling group {group.Name}");
        refresh.Status = "Cancelled";
        refresh.End = Now;
        xml.Leaf("InstanceRefreshId", refresh.Id);
    }

    private InstanceRefresh? Active(string groupName) =>
        Cloud.State.InstanceRefreshes.LastOrDefault(r => r.GroupName == groupName && r.Status is "Pending" or "InProgress");
}
