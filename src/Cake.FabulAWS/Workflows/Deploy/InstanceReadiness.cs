using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// New instances that no load balancer checks yet (DeployFull keeps them out): each must answer SSH and the load
/// balancer's own HTTP health check path directly on <c>web_port</c>, instead of FabulAWS's fixed two minutes.
/// </summary>
/// <param name="run">The deploy.</param>
internal sealed class InstanceReadiness(DeployRun run)
{
    public async Task WaitAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var balancer in run.Observer.Balancers)
        {
            if ((await run.Services.Aws.LoadBalancing.GetHealthCheckAsync(balancer, cancellationToken).ConfigureAwait(false)).Path is { } path)
            {
                paths.Add(path);
            }
        }

        foreach (var host in hosts)
        {
            await run.Services.Waits.UntilAsync(
                new Wait<string?>($"{host} to answer SSH and {string.Join(", ", paths.Distinct().DefaultIfEmpty("(no HTTP health check)"))}", run.Target.Timeouts.InstanceHealthy, ct => ProblemAsync(host, paths, ct), problem => problem is null)
                {
                    Describe = problem => problem ?? "ready",
                    Poll = run.Target.Timeouts.Poll,
                    DeadlineSetting = "timeouts.instance_healthy",
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> ProblemAsync(RemoteHost host, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (await run.Services.Remote.ProbeAsync(host, cancellationToken).ConfigureAwait(false) is { } ssh)
        {
            return ssh;
        }

        foreach (var path in paths.Distinct())
        {
            var url = new Uri($"http://{host.Address}:{run.Target.WebPort}{path}");
            var answer = await run.Services.Web.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (answer.Status is not (>= 200 and < 400))
            {
                return $"GET {url} gave {answer}";
            }
        }

        return null;
    }
}
