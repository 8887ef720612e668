using LocalAws.Control;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Instance refresh: start (with its preferences checked as AWS checks them), describe, cancel, roll back.</content>
internal sealed partial class AutoScalingApi
{
    private static readonly string[] WaitIgnoreTerminate = ["Wait", "Ignore", "Terminate"];

    private void StartInstanceRefresh(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        if (InstanceRefresher.Active(Cloud, group) is not null)
        {
            throw new AwsException("InstanceRefreshInProgress", $"An Instance Refresh is already in progress and blocks the execution of this Instance Refresh for group {group.Name}.");
        }

        if (request.Get("Strategy") is { } strategy && strategy != "Rolling")
        {
            throw AwsException.Validation($"The {strategy} strategy is not supported by LocalAws: use Rolling.");
        }

        var preferences = request.Sub("Preferences");
        var (min, max) = HealthyPercentages(preferences);
        var desired = request.Has("DesiredConfiguration.LaunchTemplate") ? DesiredTemplate(request.Sub("DesiredConfiguration.LaunchTemplate")) : null;
        var autoRollback = preferences.Bool("AutoRollback") ?? false;
        if (autoRollback && desired is null)
        {
            throw AwsException.Validation("The request isn't valid. The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty. Set AutoRollback to false or specify a desired configuration and try again.");
        }

        var refresh = new InstanceRefresh(Guid.NewGuid().ToString(), group.Name, Now)
        {
            MinHealthyPercentage = min,
            MaxHealthyPercentage = max,
            InstanceWarmup = preferences.Int("InstanceWarmup") ?? group.HealthCheckGracePeriod,
            DesiredTemplate = desired,
            SavedTemplate = group.LaunchTemplate,
            SavedLaunchConfiguration = group.LaunchConfigurationName,
            SkipMatching = preferences.Bool("SkipMatching") ?? false,
            AutoRollback = autoRollback,
            StandbyInstances = OneOf(preferences, "StandbyInstances", WaitIgnoreTerminate) ?? "Wait",
            ScaleInProtectedInstances = OneOf(preferences, "ScaleInProtectedInstances", ["Refresh", "Ignore", "Wait"]) ?? "Wait",
        };
        refresh.InstancesToUpdate = group.Active.Count(m => !InstanceRefresher.Skips(Cloud, group, refresh, m));
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
        var refresh = InstanceRefresher.Active(Cloud, group) is { Status: "Pending" or "InProgress" } active
            ? active : throw new AwsException("ActiveInstanceRefreshNotFound", $"No in progress or pending Instance Refresh found for Auto Scaling group {group.Name}");
        refresh.Status = "Cancelled";
        refresh.End = Now;
        xml.Leaf("InstanceRefreshId", refresh.Id);
    }

    /// <summary>Rolls back a running refresh; AWS refuses one without DesiredConfiguration, or whose group used $Latest or $Default.</summary>
    private void RollbackInstanceRefresh(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var refresh = InstanceRefresher.Active(Cloud, group) is { Status: "Pending" or "InProgress" } active
            ? active : throw new AwsException("ActiveInstanceRefreshNotFound", "The request failed because an active instance refresh or rollback for the specified Auto Scaling group was not found.");
        if (refresh.DesiredTemplate is null || refresh.SavedTemplate?.Version is "$Latest" or "$Default")
        {
            throw new AwsException("IrreversibleInstanceRefresh", "The request failed because a desired configuration was not found or an incompatible launch template (uses a Systems Manager parameter instead of an AMI ID) or launch template version ($Latest or $Default) is present on the Auto Scaling group.");
        }

        InstanceRefresher.RollBack(Cloud, group, refresh, "Rollback started by user request.");
        xml.Leaf("InstanceRefreshId", refresh.Id);
    }

    /// <summary>MinHealthyPercentage (0 to 100, default 90) and MaxHealthyPercentage (100 to 200, only with Min, at most 100 apart).</summary>
    private static (int Min, int? Max) HealthyPercentages(QueryRequest preferences)
    {
        var min = preferences.Int("MinHealthyPercentage");
        var max = preferences.Int("MaxHealthyPercentage");
        InRange("preferences.minHealthyPercentage", min, 0, 100);
        InRange("preferences.maxHealthyPercentage", max, 100, 200);
        if (max is not null && min is null)
        {
            throw AwsException.Validation("The request isn't valid. You must specify MinHealthyPercentage when you specify MaxHealthyPercentage. Specify both and try again.");
        }

        if (max - min > 100)
        {
            throw AwsException.Validation("The request isn't valid. The difference between MaxHealthyPercentage and MinHealthyPercentage can't be greater than 100. Change the values and try again.");
        }

        return (min ?? 90, max);
    }

    private static void InRange(string member, int? value, int low, int high)
    {
        if (value < low || value > high)
        {
            var bound = value < low ? $"greater than or equal to {low}" : $"less than or equal to {high}";
            throw AwsException.Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must have value {bound}");
        }
    }

    private static string? OneOf(QueryRequest preferences, string name, string[] allowed) =>
        preferences.Get(name) is not { } value ? null
        : allowed.Contains(value) ? value
        : throw AwsException.Validation($"1 validation error detected: Value '{value}' at 'preferences.{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");

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
}
