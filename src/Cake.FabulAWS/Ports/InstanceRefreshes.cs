namespace Cake.FabulAWS.Ports;

/// <summary>How an instance refresh replaces a group's instances.</summary>
public sealed record InstanceRefreshPreferences
{
    /// <summary>Gets the share of the group that must stay healthy, in percent (AWS default 90).</summary>
    public int? MinHealthyPercentage { get; init; }

    /// <summary>Gets the most the group may grow to while replacing, in percent of its desired capacity (100 to 200).</summary>
    public int? MaxHealthyPercentage { get; init; }

    /// <summary>Gets the seconds a new instance warms up before it counts.</summary>
    public int? InstanceWarmupSeconds { get; init; }

    /// <summary>Gets a value indicating whether instances already on the desired configuration are skipped.</summary>
    public bool? SkipMatching { get; init; }

    /// <summary>Gets the launch template version to move to; null refreshes onto the group's current one.</summary>
    public LaunchSource? DesiredLaunchTemplate { get; init; }
}

/// <summary>An instance refresh of a group.</summary>
/// <param name="InstanceRefreshId">Its id.</param>
/// <param name="GroupName">The group.</param>
/// <param name="Status">Pending, InProgress, Successful, Failed, Cancelling, Cancelled, RollbackInProgress, RollbackFailed, RollbackSuccessful, Baking.</param>
/// <param name="StatusReason">Why it is in that status.</param>
/// <param name="PercentageComplete">Progress in percent.</param>
/// <param name="InstancesToUpdate">Instances still to replace.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended.</param>
public sealed record InstanceRefresh(
    string InstanceRefreshId,
    string GroupName,
    string Status,
    string? StatusReason,
    int? PercentageComplete,
    int? InstancesToUpdate,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime)
{
    /// <summary>Gets a value indicating whether the refresh has stopped (successfully or not).</summary>
    public bool IsFinished => Status is "Successful" or "Failed" or "Cancelled" or "RollbackFailed" or "RollbackSuccessful";
}

/// <summary>Starts, follows and cancels instance refreshes (rolling replacement done by Auto Scaling itself).</summary>
public interface IInstanceRefreshes
{
    /// <summary>Starts a rolling instance refresh.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="preferences">How to refresh.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The refresh id.</returns>
    Task<string> StartAsync(string groupName, InstanceRefreshPreferences preferences, CancellationToken cancellationToken = default);

    /// <summary>Describes a group's refreshes, newest first, following every page.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="refreshIds">The refresh ids; empty for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The refreshes.</returns>
    Task<IReadOnlyList<InstanceRefresh>> DescribeAsync(string groupName, IEnumerable<string> refreshIds, CancellationToken cancellationToken = default);

    /// <summary>Rolls back the group's active refresh: the instances it replaced are replaced again by the configuration saved before it.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The refresh id, or <c>null</c> when none was active.</returns>
    Task<string?> RollbackAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>Cancels the group's active refresh.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancelled refresh id, or <c>null</c> when none was active.</returns>
    Task<string?> CancelAsync(string groupName, CancellationToken cancellationToken = default);
}
