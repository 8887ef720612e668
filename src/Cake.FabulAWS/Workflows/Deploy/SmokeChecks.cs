using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>The environment's <c>smoke_check</c>: each new instance directly on <c>web_port</c>, and the site's URL after each round.</summary>
/// <param name="run">The deploy.</param>
internal sealed class SmokeChecks(DeployRun run)
{
    private SmokeCheck? Check => run.Target.SmokeCheck;

    /// <summary>Checks each host directly; the first failure throws.</summary>
    public async Task InstancesAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken)
    {
        if (Check is not { } check)
        {
            return;
        }

        foreach (var host in hosts)
        {
            await OneAsync(new Uri($"http://{host.Address}:{run.Target.WebPort}{check.Path}"), $"new instance {host}", check, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks the site through the load balancer, when the check has a URL.</summary>
    public async Task SiteAsync(CancellationToken cancellationToken)
    {
        if (Check is { Url: { } url } check)
        {
            await OneAsync(new Uri(url, check.Path), "the site", check, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OneAsync(Uri url, string what, SmokeCheck check, CancellationToken cancellationToken)
    {
        var answer = await run.Services.Web.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (answer.Status != check.Status || (check.Contains is { } text && !answer.Body.Contains(text, StringComparison.Ordinal)))
        {
            var expected = check.Contains is null ? $"HTTP {check.Status}" : $"HTTP {check.Status} containing '{check.Contains}'";
            throw new CakeException($"smoke_check failed for {what}: GET {url} gave {answer}, expected {expected}.");
        }

        run.Log.Information("  smoke check of {0}: GET {1} -> {2}", what, url, answer);
    }
}
