using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>Keeps a deploy's <see cref="DeployRecord"/> on the group's tags: written at each phase, removed when the deploy ends cleanly.</summary>
/// <param name="groups">The Auto Scaling groups port.</param>
/// <param name="groupName">The group.</param>
/// <param name="existingParts">How many tags a record an earlier run left takes (they are replaced or removed).</param>
internal sealed class DeployJournal(IAutoScalingGroups groups, string groupName, int existingParts = 0)
{
    private int written = existingParts;

    /// <summary>Gets the record as last written.</summary>
    public DeployRecord? Current { get; private set; }

    /// <summary>Writes the record (and drops parts a shorter record no longer needs).</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(DeployRecord record, CancellationToken cancellationToken)
    {
        var tags = record.ToTags();
        await groups.SetTagsAsync(groupName, tags, propagateAtLaunch: false, cancellationToken).ConfigureAwait(false);
        if (written > tags.Count)
        {
            await groups.DeleteTagsAsync(groupName, Enumerable.Range(tags.Count, written - tags.Count).Select(i => DeployRecord.TagPrefix + i), cancellationToken).ConfigureAwait(false);
        }

        written = tags.Count;
        Current = record;
    }

    /// <summary>Removes the record: the deploy ended and left the group consistent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        if (written > 0)
        {
            await groups.DeleteTagsAsync(groupName, Enumerable.Range(0, written).Select(i => DeployRecord.TagPrefix + i), cancellationToken).ConfigureAwait(false);
        }

        written = 0;
        Current = null;
    }
}
