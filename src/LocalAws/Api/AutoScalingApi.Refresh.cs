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
            DesiredTemplate = request.Has("DesiredConfiguration.LaunchTemplate") ? DesiredTemplate(request.Sub("DesiredConfiguration.LaunchTemplate")) : null,
            SkipMatching = preferences.Bool("SkipMatching") ?? false,
        };
        refresh.InstancesToUpdate = group.Active.Count(m => !Control.InstanceRefresher.Skips(Cloud, group, refresh, m));
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

    /// <summary>The refresh's target template version, checked as UpdateAutoScalingGroup checks a launch template.</summary>
    private LaunchTemplateRef DesiredTemplate(QueryRequest spec)
    {
        var template = Cloud.State.FindTemplate(spec.Get("LaunchTemplateId"), spec.Get("LaunchTemplateName"))
            ?? throw AwsException.Validation($"The specified launch template, with template name {spec.Get("LaunchTemplateName") ?? spec.Get("LaunchTemplateId")}, does not exist.");
        var version = spec.Get("Version") ?? "$Default";
        return template.Resolve(version) is null
            ? throw AwsException.Validation($"The specified launch template version {version} of {template.Name} does not exist.")
            : new LaunchTemplateRef(template.Id, template.Name, version);
    }

    private InstanceRefresh? Active(string groupName) =>
        Cloud.State.InstanceRefreshes.LastOrDefault(r => r.GroupName == groupName && r.Status is "Pending" or "InProgress");
}
