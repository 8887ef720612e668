namespace LocalAws.Model;

/// <summary>A scaling activity.</summary>
public sealed class Activity
{
    internal Activity(string id, string groupName, string description, string cause, DateTimeOffset start)
    {
        Id = id;
        GroupName = groupName;
        Description = description;
        Cause = cause;
        Start = start;
    }

    /// <summary>Gets the id.</summary>
    public string Id { get; }

    /// <summary>Gets the group name.</summary>
    public string GroupName { get; }

    /// <summary>Gets the description.</summary>
    public string Description { get; }

    /// <summary>Gets the cause.</summary>
    public string Cause { get; }

    /// <summary>Gets the start time.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the status: InProgress, PreInService, Successful, Failed, Cancelled.</summary>
    public string Status { get; internal set; } = "InProgress";

    /// <summary>Gets the status message.</summary>
    public string? StatusMessage { get; internal set; }

    /// <summary>Gets the end time.</summary>
    public DateTimeOffset? End { get; internal set; }

    /// <summary>Gets or sets the progress shown while the activity runs (AWS: 30 for launches, 50 for a move to standby).</summary>
    internal int RunningProgress { get; set; } = 30;

    /// <summary>Gets or sets the details JSON, e.g. {"Availability Zone":"us-east-1a"}.</summary>
    internal string Details { get; set; } = "{}";

    internal int Progress => Status is "InProgress" or "PreInService" ? RunningProgress : 100;

    internal void Finish(string status, DateTimeOffset now, string? message = null)
    {
        Status = status;
        StatusMessage = message;
        End = now;
    }
}

/// <summary>An instance refresh of a group.</summary>
public sealed class InstanceRefresh
{
    internal InstanceRefresh(string id, string groupName, DateTimeOffset start)
    {
        Id = id;
        GroupName = groupName;
        Start = start;
    }

    /// <summary>Gets the id.</summary>
    public string Id { get; }

    /// <summary>Gets the group.</summary>
    public string GroupName { get; }

    /// <summary>Gets the start time.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the status: Pending, InProgress, Successful, Cancelled, Failed.</summary>
    public string Status { get; internal set; } = "Pending";

    /// <summary>Gets the end time.</summary>
    public DateTimeOffset? End { get; internal set; }

    internal string? StatusReason { get; set; }

    internal int MinHealthyPercentage { get; set; } = 90;

    internal int InstanceWarmup { get; set; }

    internal int InstancesToUpdate { get; set; }

    internal int PercentageComplete { get; set; }

    internal HashSet<string> Replaced { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the launch template version of <c>DesiredConfiguration</c>: replacements launch from it, and the group keeps it once the refresh succeeds.</summary>
    internal LaunchTemplateRef? DesiredTemplate { get; init; }

    /// <summary>Gets a value indicating whether instances already on the desired configuration are left alone (Preferences.SkipMatching).</summary>
    internal bool SkipMatching { get; init; }
}
