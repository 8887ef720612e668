namespace LocalAws.Faults;

/// <summary>What a held API call does while it waits (see <see cref="FaultSettings.HoldNext"/>).</summary>
public enum HoldMode
{
    /// <summary>The call takes effect at once; only its answer waits. A client that goes away finds it applied.</summary>
    Apply,

    /// <summary>The call never takes effect: on release the connection is closed unanswered, as if the request was lost.</summary>
    Drop,
}
