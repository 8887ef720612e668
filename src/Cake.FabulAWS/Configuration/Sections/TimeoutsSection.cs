using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>timeouts</c>: the deadline of each wait, in whole seconds; defaults for the ones left out.</summary>
internal static class TimeoutsSection
{
    private const string Path = "timeouts";
    private const int OneWeek = 7 * 24 * 3600;

    public static WaitTimeouts Read(RootEntries root, Diagnostics d)
    {
        var timeouts = new WaitTimeouts();
        if (root[Path] is not { } node || Nodes.IsNull(node) || Nodes.Mapping(node, Path, d) is not { } mapping)
        {
            return timeouts;
        }

        foreach (var (key, entry) in Keys.Check(mapping, Path, KnownKeys.Timeouts, KnownKeys.None, d))
        {
            if (key == "poll_interval_ms")
            {
                if (Nodes.WholeNumber(entry.Value, entry.Path, d, 50, 600_000) is { } milliseconds)
                {
                    timeouts = timeouts with { Poll = TimeSpan.FromMilliseconds(milliseconds) };
                }

                continue;
            }

            if (key == "lock_settle_ms")
            {
                if (Nodes.WholeNumber(entry.Value, entry.Path, d, 0, 60_000) is { } settle)
                {
                    timeouts = timeouts with { LockSettle = TimeSpan.FromMilliseconds(settle) };
                }

                continue;
            }

            if (key == "lock_lease")
            {
                // renewed every third of it: shorter leases would spend the run writing tags
                if (Nodes.WholeNumber(entry.Value, entry.Path, d, 3, OneWeek) is { } lease)
                {
                    timeouts = timeouts with { LockLease = TimeSpan.FromSeconds(lease) };
                }

                continue;
            }

            if (Nodes.WholeNumber(entry.Value, entry.Path, d, 1, OneWeek) is not { } seconds)
            {
                continue;
            }

            var value = TimeSpan.FromSeconds(seconds);
            timeouts = key switch
            {
                "instance_running" => timeouts with { InstanceRunning = value },
                "ssh_ready" => timeouts with { SshReady = value },
                "image_available" => timeouts with { ImageAvailable = value },
                "instances_in_service" => timeouts with { InstancesInService = value },
                "instance_healthy" => timeouts with { InstanceHealthy = value },
                "instance_drained" => timeouts with { InstanceDrained = value },
                "deploy" => timeouts with { Deploy = value },
                _ => throw new InvalidOperationException($"KnownKeys.Timeouts has '{key}' but TimeoutsSection does not read it."),
            };
        }

        return timeouts;
    }
}
