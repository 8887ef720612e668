using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// A deploy's progress as it keeps it on the group's tags while it runs, so that a run killed at any point leaves
/// what the next run needs to finish it or roll it back: what it changed and what it started from.
/// </summary>
public sealed record DeployRecord
{
    /// <summary>Gets DeployFull or DeploySerial.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the phase it was in.</summary>
    public required string Phase { get; init; }

    /// <summary>Gets who ran it (user@host, or the CI run).</summary>
    public required string Holder { get; init; }

    /// <summary>Gets when it started.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Gets the commit it deploys.</summary>
    public required string Commit { get; init; }

    /// <summary>Gets the launch source it deploys.</summary>
    public required LaunchSource NewSource { get; init; }

    /// <summary>Gets the launch source the group had before.</summary>
    public LaunchSource? OldSource { get; init; }

    /// <summary>Gets the group's sizes before: min, max, desired.</summary>
    public required int[] Sizes { get; init; }

    /// <summary>Gets the processes the user had suspended before (never resumed by the deploy).</summary>
    public IReadOnlyList<string> SuspendedBefore { get; init; } = [];

    /// <summary>Gets the processes the deploy suspended.</summary>
    public IReadOnlyList<string> SuspendedByDeploy { get; init; } = [];

    /// <summary>Gets the instances that ran the old version when it started.</summary>
    public IReadOnlyList<string> OldInstances { get; init; } = [];

    /// <summary>Gets the instances it launched.</summary>
    public IReadOnlyList<string> Launched { get; init; } = [];

    /// <summary>Gets the instances it terminated.</summary>
    public IReadOnlyList<string> Terminated { get; init; } = [];

    /// <summary>Gets a value indicating whether deploy_worker ran (the schema may be migrated).</summary>
    public bool WorkerRan { get; init; }

    /// <summary>Gets a value indicating whether the upgrade page is up.</summary>
    public bool UpgradePage { get; init; }

    /// <summary>Gets a value indicating whether DeployFull took the old instances out of the load balancers.</summary>
    public bool OldDeregistered { get; init; }

    /// <summary>The tag keys the record is split into (AWS tag values hold 256 characters).</summary>
    public const string TagPrefix = "fabulaws:deploy:";

    /// <summary>Writes the record as tag values: base64 of its JSON, 256 characters each.</summary>
    /// <returns>The tags, keyed fabulaws:deploy:0, :1, ...</returns>
    public IReadOnlyDictionary<string, string> ToTags() => TagChunks.Write(TagPrefix, this);

    /// <summary>Reads a record back from a group's tags.</summary>
    /// <param name="tags">The group's tags.</param>
    /// <returns>The record, or null when there is none (or it is unreadable).</returns>
    public static DeployRecord? FromTags(IReadOnlyDictionary<string, string> tags) => TagChunks.Read<DeployRecord>(TagPrefix, tags);
}
