namespace Cake.FabulAWS.Workflows.Waiting;

/// <summary>A wait reached its deadline; the message says what it waited for, for how long, and what it saw last.</summary>
public sealed class WaitTimedOutException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WaitTimedOutException"/> class.</summary>
    /// <param name="what">What was waited for.</param>
    /// <param name="deadline">The deadline.</param>
    /// <param name="lastSeen">The last observed state.</param>
    /// <param name="deadlineSetting">The setting that holds the deadline, or null.</param>
    public WaitTimedOutException(string what, TimeSpan deadline, string lastSeen, string? deadlineSetting)
        : base($"Timed out after {deadline.TotalSeconds:0} s waiting for {what}"
            + (deadlineSetting is null ? string.Empty : $" ({deadlineSetting} in fabulaws-config.yml)")
            + $". Last seen: {lastSeen}.")
    {
        What = what;
        LastSeen = lastSeen;
    }

    /// <summary>Gets what was waited for.</summary>
    public string What { get; }

    /// <summary>Gets the last observed state.</summary>
    public string LastSeen { get; }
}

/// <summary>A wait stopped early because what it observed can no longer turn out well (a failed launch, an unhealthy instance).</summary>
public sealed class WaitFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WaitFailedException"/> class.</summary>
    /// <param name="what">What was waited for.</param>
    /// <param name="reason">Why it cannot happen.</param>
    /// <param name="lastSeen">The last observed state.</param>
    /// <param name="after">How long the wait had run.</param>
    public WaitFailedException(string what, string reason, string lastSeen, TimeSpan after)
        : base($"Stopped waiting for {what} after {after.TotalSeconds:0} s: {reason}. Last seen: {lastSeen}.")
    {
        What = what;
        Reason = reason;
        LastSeen = lastSeen;
    }

    /// <summary>Gets what was waited for.</summary>
    public string What { get; }

    /// <summary>Gets why the wait stopped.</summary>
    public string Reason { get; }

    /// <summary>Gets the last observed state.</summary>
    public string LastSeen { get; }
}
