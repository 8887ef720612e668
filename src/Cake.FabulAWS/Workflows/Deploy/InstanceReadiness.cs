using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// New instances that no load balancer checks yet (DeployFull keeps them out): each must answer SSH and the load
/// balancer's own HTTP health check path directly on <c>web_port</c>, instead of FabulAWS's fixed two minutes. All
/// are checked at once under one deadline. An instance whose app answers with a failing status for as long as the
/// load balancer would take to call it unhealthy (interval x unhealthy threshold) fails the wait at once, as the
/// load balancer would fail it, instead of at the deadline; one that does not answer yet is still starting.
/// </summary>
/// <param name="run">The deploy.</param>
internal sealed class InstanceReadiness(DeployRun run)
{
    public async Task WaitAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken)
    {
        var checks = new List<LoadBalancerHealthCheck>();
        foreach (var balancer in run.Observer.Balancers)
        {
            checks.Add(await run.Services.Aws.LoadBalancing.GetHealthCheckAsync(balancer, cancellationToken).ConfigureAwait(false));
        }

        var paths = checks.Select(c => c.Path).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unhealthyAfter = checks.Count == 0 ? TimeSpan.Zero : checks.Max(c => TimeSpan.FromSeconds(c.IntervalSeconds * c.UnhealthyThreshold));
        var failingSince = new Dictionary<RemoteHost, DateTimeOffset>();
        await run.Services.Waits.UntilAsync(
            new Wait<IReadOnlyList<HostReadiness>>(
                $"{string.Join(", ", hosts)} to answer SSH and {string.Join(", ", paths.DefaultIfEmpty("(no HTTP health check)"))}",
                run.Target.Timeouts.InstanceHealthy,
                async ct => await Task.WhenAll(hosts.Select(h => ObserveAsync(h, paths, failingSince, ct))).ConfigureAwait(false),
                states => states.All(s => s.Problem is null))
            {
                Describe = states => string.Join("; ", states.Select(s => $"{s.Host}: {s.Problem ?? "ready"}")),
                FailFast = states => unhealthyAfter <= TimeSpan.Zero ? null : states.FirstOrDefault(s => s.FailingFor >= unhealthyAfter) is { } sick
                    ? $"{sick.Host} answered {sick.Problem} for {sick.FailingFor.TotalSeconds:0.#} s, as long as the load balancer takes to call an instance unhealthy ({unhealthyAfter.TotalSeconds:0.#} s): the new version does not pass the health check"
                    : null,
                Poll = run.Target.Timeouts.Poll,
                DeadlineSetting = "timeouts.instance_healthy",
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<HostReadiness> ObserveAsync(RemoteHost host, IReadOnlyList<string> paths, Dictionary<RemoteHost, DateTimeOffset> failingSince, CancellationToken cancellationToken)
    {
        var (problem, appSaidNo) = await ProblemAsync(host, paths, cancellationToken).ConfigureAwait(false);
        var now = run.Services.Time.GetUtcNow();
        lock (failingSince)
        {
            if (!appSaidNo)
            {
                failingSince.Remove(host);
                return new HostReadiness(host, problem, TimeSpan.Zero);
            }

            if (!failingSince.TryGetValue(host, out var since))
            {
                failingSince[host] = since = now;
            }

            return new HostReadiness(host, problem, now - since);
        }
    }

    /// <returns>What is wrong (null: ready), and whether the app itself answered with a failing status.</returns>
    private async Task<(string? Problem, bool AppSaidNo)> ProblemAsync(RemoteHost host, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (await run.Services.Remote.ProbeAsync(host, cancellationToken).ConfigureAwait(false) is { } ssh)
        {
            return (ssh, false);
        }

        foreach (var path in paths)
        {
            var url = new Uri($"http://{host.Address}:{run.Target.WebPort}{path}");
            var answer = await run.Services.Web.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (answer.Status is not (>= 200 and < 400))
            {
                return ($"GET {url} gave {answer}", answer.Status is not null);
            }
        }

        return (null, false);
    }

    private sealed record HostReadiness(RemoteHost Host, string? Problem, TimeSpan FailingFor);
}
