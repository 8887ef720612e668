using System.Globalization;

namespace Cake.FabulAWS.Workflows.Safety;

/// <summary>
/// The lock on an environment, kept on its Auto Scaling group's tags: who holds it, for what, since and until when.
/// A run's lock expires <c>timeouts.lock_lease</c> after its last renewal; a lock taken by hand (Lock target) never does.
/// </summary>
public sealed record GroupLock
{
    /// <summary>The tag keys the lock is split into.</summary>
    public const string TagPrefix = "fabulaws:lock:";

    /// <summary>Gets who holds it: the CI run's URL, or user@host.</summary>
    public required string Holder { get; init; }

    /// <summary>Gets what holds it: the target (DeploySerial, Lock, ...).</summary>
    public required string Purpose { get; init; }

    /// <summary>Gets the commit it deploys, when it deploys one.</summary>
    public string? Commit { get; init; }

    /// <summary>Gets the message given to the Lock target.</summary>
    public string? Message { get; init; }

    /// <summary>Gets when it was taken.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Gets when it expires; null for a lock taken by hand.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Gets the machine of the process that holds it.</summary>
    public required string Host { get; init; }

    /// <summary>Gets the id of the process that holds it (0 for a lock taken by hand).</summary>
    public int ProcessId { get; init; }

    /// <summary>Gets when that process started, so that a reused process id is not taken for the holder.</summary>
    public DateTimeOffset? ProcessStarted { get; init; }

    /// <summary>Gets the token that tells this run's lock from another's written at the same moment.</summary>
    public required string Token { get; init; }

    /// <summary>Describes the lock in one line for refusals and status.</summary>
    /// <param name="now">The time now.</param>
    /// <returns>The text.</returns>
    public string Describe(DateTimeOffset now)
    {
        var what = Commit is null ? Purpose : $"{Purpose} of {Commit[..Math.Min(12, Commit.Length)]}";
        var since = $"since {Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({Ago(now - Since)} ago)";
        var until = Expires is { } expires ? $", expires in {Ago(expires - now)}" : ", until someone runs Unlock";
        return $"{Holder} ({what}) {since}{until}{(Message is { Length: > 0 } m ? $": \"{m}\"" : string.Empty)}";
    }

    private static string Ago(TimeSpan span) => span.TotalSeconds < 0 ? "0 s"
        : span.TotalMinutes < 1 ? $"{span.TotalSeconds:0} s"
        : span.TotalHours < 1 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalHours:0.#} h";
}
