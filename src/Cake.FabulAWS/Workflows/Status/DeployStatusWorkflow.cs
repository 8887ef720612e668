using System.Globalization;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Autoscaling;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Status;

/// <summary>DeployStatus: what the environment runs, its instances by version and health, the lock, an interrupted deploy, the last deploys. Only reads.</summary>
/// <param name="services">The run's services.</param>
internal sealed class DeployStatusWorkflow(EnvironmentServices services)
{
    public async Task<DeployStatus> RunAsync(CancellationToken cancellationToken)
    {
        var observer = await DeployRun.ObserverAsync(services, cancellationToken).ConfigureAwait(false);
        var view = await observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var tags = view.Group.Tags;
        var status = new DeployStatus(
            view.Group,
            [.. view.Instances.Select(i => new DeployStatusInstance(i.InstanceId, i.Lifecycle, i.GroupHealth, i.Source, i.Balancers.ToDictionary(b => b.Key.Id, b => b.Value.State + (string.IsNullOrEmpty(b.Value.Reason) ? string.Empty : $" ({b.Value.Reason})"))))],
            TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags),
            DeployRecord.FromTags(tags),
            KeptInstances.FromTags(tags),
            DeployHistory.FromTags(tags));
        foreach (var line in Lines(status))
        {
            services.Log.Information("{0}", line);
        }

        return status;
    }

    private IEnumerable<string> Lines(DeployStatus status)
    {
        var now = services.Time.GetUtcNow();
        yield return $"{services.Target.Deployment}/{services.Target.Environment}";
        foreach (var line in GroupState.Describe(status.Group).Take(2))
        {
            yield return line;
        }

        yield return string.Empty;
        var balancers = status.Instances.SelectMany(i => i.Balancers.Keys).Distinct().ToList();
        foreach (var line in TextTable.Render(
            ["instance", "lifecycle", "health", "version", .. balancers],
            status.Instances.OrderBy(i => i.Source?.ReleaseName, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
                .Select(i => (IReadOnlyList<string>)[i.InstanceId, i.Lifecycle, i.Health, i.Source?.ReleaseName ?? "-", .. balancers.Select(b => i.Balancers.GetValueOrDefault(b, "-"))])))
        {
            yield return "  " + line;
        }

        yield return string.Empty;
        yield return status.Lock is { } held
            ? $"Lock: {held.Describe(now)}{(new DeployLock(services).StaleReason(held, now) is { } stale ? $"; stale ({stale}): the next changing run breaks it" : string.Empty)}"
            : "Lock: none";
        yield return status.Interrupted is { } record
            ? $"Interrupted deploy: {record.Kind} of {record.Commit[..Math.Min(12, record.Commit.Length)]} to {record.NewSource.ReleaseName}, started {record.Started:u} by {record.Holder}, stopped in phase '{record.Phase}'; the next changing target finishes or rolls it back."
            : "Interrupted deploy: none";
        yield return status.Kept is { } kept
            ? $"Kept for an instant Rollback: {kept.Instances.Count} instance(s) of {kept.Source.ReleaseName} in Standby until {kept.Until:u} ({string.Join(", ", kept.Instances)})"
            : "Kept for an instant Rollback: none";
        yield return string.Empty;
        if (status.History.Count == 0)
        {
            yield return "Last deploys: none recorded";
            yield break;
        }

        yield return "Last deploys:";
        foreach (var line in TextTable.Render(
            ["ended (UTC)", "what", "from", "to", "commit", "by", "result"],
            status.History.Select(e => (IReadOnlyList<string>)[
                e.Ended.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Kind, e.From?.ReleaseName ?? "-", e.To.ReleaseName, e.Commit[..Math.Min(12, e.Commit.Length)], e.Holder, e.Result])))
        {
            yield return "  " + line;
        }
    }
}
