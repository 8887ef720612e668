using System.Globalization;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>
/// Runs the due health checks of every classic load balancer and target group (real requests, outside the
/// lock), then applies the healthy/unhealthy thresholds to each backend.
/// </summary>
internal static class HealthChecker
{
    public static async Task RunAsync(Cloud cloud)
    {
        List<HealthProbe> probes;
        lock (cloud.State.Gate)
        {
            probes = Due(cloud);
        }

        if (probes.Count == 0)
        {
            return;
        }

        var results = await Task.WhenAll(probes.Select(async p => (Probe: p, Result: await p.RunAsync().ConfigureAwait(false)))).ConfigureAwait(false);
        lock (cloud.State.Gate)
        {
            foreach (var (probe, result) in results)
            {
                if (cloud.State.LoadBalancers.TryGetValue(probe.Owner, out var lb) && lb.Instances.TryGetValue(probe.InstanceId, out var backend))
                {
                    ApplyClassic(lb.HealthCheck, backend, result.Ok, result.Reason);
                }
                else if (cloud.State.TargetGroups.TryGetValue(probe.Owner, out var tg) && tg.Targets.TryGetValue(probe.InstanceId, out var target) && target.State != "draining")
                {
                    ApplyTarget(tg, target, result.Ok, result.Reason, result.Status);
                }
            }
        }
    }

    private static List<HealthProbe> Due(Cloud cloud)
    {
        var now = cloud.Now;
        var probes = new List<HealthProbe>();
        foreach (var lb in cloud.State.LoadBalancers.Values)
        {
            var (protocol, port, path) = ParseTarget(lb.HealthCheck.Target);
            foreach (var (id, backend) in lb.Instances.Where(kv => kv.Value.NextCheck <= now))
            {
                backend.NextCheck = now + cloud.Options.Scaled(lb.HealthCheck.Interval);
                probes.Add(new HealthProbe(lb.Name, id, Reachable(cloud, id), protocol is "HTTP" or "HTTPS", RealPort(cloud, port), path, Timeout(cloud, lb.HealthCheck.Timeout), "200"));
            }
        }

        foreach (var tg in cloud.State.TargetGroups.Values)
        {
            foreach (var (id, target) in tg.Targets.Where(kv => kv.Value.NextCheck <= now && kv.Value.State != "draining"))
            {
                target.NextCheck = now + cloud.Options.Scaled(tg.Interval);
                var port = tg.HealthCheckPort == "traffic-port" ? target.Port : int.Parse(tg.HealthCheckPort, CultureInfo.InvariantCulture);
                probes.Add(new HealthProbe(tg.Arn, id, Reachable(cloud, id), tg.HealthCheckProtocol is "HTTP" or "HTTPS", RealPort(cloud, port), tg.HealthCheckPath, Timeout(cloud, tg.Timeout), tg.Matcher));
            }
        }

        return probes;
    }

    private static void ApplyClassic(ClassicHealthCheck check, BackendHealth backend, bool ok, string reason)
    {
        Count(backend, ok);
        if (ok && backend.State != "InService" && backend.Successes >= check.HealthyThreshold)
        {
            (backend.State, backend.Reason, backend.Description) = ("InService", "N/A", "N/A");
        }
        else if (!ok && backend.Failures >= check.UnhealthyThreshold)
        {
            var description = reason == "NotRunning"
                ? "Instance is not currently running."
                : "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.";
            (backend.State, backend.Reason, backend.Description) = ("OutOfService", "Instance", description);
        }
    }

    private static void ApplyTarget(TargetGroup tg, BackendHealth target, bool ok, string reason, int? status)
    {
        Count(target, ok);
        if (ok && target.State != "healthy" && target.Successes >= tg.HealthyThreshold)
        {
            (target.State, target.Reason, target.Description) = ("healthy", null, null);
        }
        else if (!ok && target.State != "unhealthy" && target.Failures >= tg.UnhealthyThreshold)
        {
            target.State = "unhealthy";
            (target.Reason, target.Description) = reason switch
            {
                "ResponseCodeMismatch" => ("Target.ResponseCodeMismatch", $"Health checks failed with these codes: [{status}]"),
                "Timeout" => ("Target.Timeout", "Request timed out"),
                _ => ("Target.FailedHealthChecks", "Health checks failed"),
            };
        }
        else if (!ok && target.State == "initial")
        {
            target.Reason = "Elb.InitialHealthChecking";
            target.Description = "Initial health checks in progress";
        }
    }

    private static void Count(BackendHealth backend, bool ok)
    {
        backend.Successes = ok ? backend.Successes + 1 : 0;
        backend.Failures = ok ? 0 : backend.Failures + 1;
    }

    private static string? Reachable(Cloud cloud, string instanceId) =>
        cloud.State.Instances.TryGetValue(instanceId, out var i) && i.State == "running" && i.Host == HostStatus.Ready ? i.Address : null;

    private static int RealPort(Cloud cloud, int port) => port == 22 ? cloud.Options.SshPort : cloud.Options.InstanceHttpPort;

    private static TimeSpan Timeout(Cloud cloud, int seconds) =>
        TimeSpan.FromMilliseconds(Math.Clamp(cloud.Options.Scaled(seconds).TotalMilliseconds, 500, 5000));

    /// <summary>Parses a classic target such as HTTP:80/healthcheck.html or TCP:22.</summary>
    public static (string Protocol, int Port, string Path) ParseTarget(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var protocol = target[..colon].ToUpperInvariant();
        var rest = target[(colon + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var port = int.Parse(slash < 0 ? rest : rest[..slash], CultureInfo.InvariantCulture);
        return (protocol, port, slash < 0 ? "/" : rest[slash..]);
    }
}
