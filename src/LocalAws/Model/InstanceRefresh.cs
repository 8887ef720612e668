namespace LocalAws.Model;

/// <summary>An instance refresh of a group, and its rollback.</summary>
public sealed class InstanceRefresh
{
    internal InstanceRefresh(string id, string groupName, DateTimeOffset start)
    {
        Id = id;
        GroupName = groupName;
        Start = start;
        LastProgress = start;
    }

    /// <summary>Gets the id.</summary>
    public string Id { get; }

    /// <summary>Gets the group.</summary>
    public string GroupName { get; }

    /// <summary>Gets the start time.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the status: Pending, InProgress, Successful, Cancelled, Failed, RollbackInProgress, RollbackSuccessful, RollbackFailed.</summary>
    public string Status { get; internal set; } = "Pending";

    /// <summary>Gets the end time.</summary>
    public DateTimeOffset? End { get; internal set; }

    /// <summary>Gets why it failed (or why it is waiting).</summary>
    public string? StatusReason { get; internal set; }

    /// <summary>Gets the rollback, once one started.</summary>
    public RollbackDetails? Rollback { get; internal set; }

    /// <summary>Gets a value indicating whether it is still running (forward or rolling back).</summary>
    public bool IsActive => Status is "Pending" or "InProgress" or "RollbackInProgress";

    internal int MinHealthyPercentage { get; set; } = 90;

    /// <summary>Gets or sets MaxHealthyPercentage as given (100 to 200); null behaves as 100: terminate before launching.</summary>
    internal int? MaxHealthyPercentage { get; set; }

    internal int InstanceWarmup { get; set; }

    internal int InstancesToUpdate { get; set; }

    internal int PercentageComplete { get; set; }

    /// <summary>Gets the instances taken out by this refresh (forward) or by its rollback.</summary>
    internal HashSet<string> Replaced { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the launch template version of <c>DesiredConfiguration</c>: replacements launch from it, and the group keeps it once the refresh succeeds.</summary>
    internal LaunchTemplateRef? DesiredTemplate { get; init; }

    /// <summary>Gets the group's launch template before the refresh: what a rollback restores.</summary>
    internal LaunchTemplateRef? SavedTemplate { get; init; }

    /// <summary>Gets the group's launch configuration before the refresh: what a rollback restores.</summary>
    internal string? SavedLaunchConfiguration { get; init; }

    /// <summary>Gets a value indicating whether instances already on the desired configuration are left alone (Preferences.SkipMatching).</summary>
    internal bool SkipMatching { get; init; }

    /// <summary>Gets what to do with Standby instances: Wait (default), Ignore or Terminate.</summary>
    internal string StandbyInstances { get; init; } = "Wait";

    /// <summary>Gets the ScaleInProtectedInstances preference as given (LocalAws has no scale-in protection).</summary>
    internal string ScaleInProtectedInstances { get; init; } = "Wait";

    /// <summary>Gets a value indicating whether a failure starts a rollback (Preferences.AutoRollback).</summary>
    internal bool AutoRollback { get; init; }

    /// <summary>Gets or sets when the refresh last moved on; with no move for an hour (scaled) it fails.</summary>
    internal DateTimeOffset LastProgress { get; set; }
}

/// <summary>The RollbackDetails of an instance refresh.</summary>
/// <param name="Reason">Why the rollback started.</param>
/// <param name="Start">When.</param>
/// <param name="PercentageCompleteOnRollback">The refresh's PercentageComplete then.</param>
/// <param name="InstancesToUpdateOnRollback">The refresh's InstancesToUpdate then.</param>
public sealed record RollbackDetails(string Reason, DateTimeOffset Start, int PercentageCompleteOnRollback, int InstancesToUpdateOnRollback);
