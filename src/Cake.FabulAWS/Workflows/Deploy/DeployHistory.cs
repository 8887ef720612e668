using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>One past deploy as the group's tags keep it.</summary>
/// <param name="Kind">DeployFull, DeploySerial or Rollback.</param>
/// <param name="Commit">The commit it deployed.</param>
/// <param name="From">The launch source before it.</param>
/// <param name="To">The launch source it deployed.</param>
/// <param name="Holder">Who ran it.</param>
/// <param name="Ended">When it ended.</param>
/// <param name="Result">succeeded, rolled back, ...</param>
public sealed record DeployHistoryEntry(string Kind, string Commit, LaunchSource? From, LaunchSource To, string Holder, DateTimeOffset Ended, string Result)
{
    /// <summary>The result of a deploy that did what it was asked.</summary>
    public const string Succeeded = "succeeded";
}

/// <summary>The last deploys of an environment, newest first, on the group's tags: for Rollback and DeployStatus.</summary>
/// <param name="services">The run's services.</param>
internal sealed class DeployHistory(EnvironmentServices services)
{
    /// <summary>The tag keys the history is split into.</summary>
    public const string TagPrefix = "fabulaws:history:";

    /// <summary>How many deploys are kept (the group holds 50 tags in all).</summary>
    public const int Kept = 5;

    /// <summary>Reads the history from a group's tags.</summary>
    public static IReadOnlyList<DeployHistoryEntry> FromTags(IReadOnlyDictionary<string, string> tags) =>
        TagChunks.Read<List<DeployHistoryEntry>>(TagPrefix, tags) ?? [];

    /// <summary>Adds a deploy's outcome as the newest entry.</summary>
    public async Task AddAsync(string kind, string commit, LaunchSource? from, LaunchSource to, string result, CancellationToken cancellationToken)
    {
        var groupName = services.Target.AutoScalingGroupName;
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        var tags = group?.Tags ?? new Dictionary<string, string>();
        var entry = new DeployHistoryEntry(kind, commit, from, to, DeployHolder.Describe(services.Variables), services.Time.GetUtcNow(), result);
        await TagChunks.ReplaceAsync(services.Aws.AutoScalingGroups, groupName, TagPrefix, new List<DeployHistoryEntry>([entry, .. FromTags(tags).Take(Kept - 1)]), tags, cancellationToken).ConfigureAwait(false);
    }
}
