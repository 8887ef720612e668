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
