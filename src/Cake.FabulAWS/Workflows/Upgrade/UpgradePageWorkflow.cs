using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>Shows and removes the "upgrade in progress" page on web servers; both are idempotent and verifiable.</summary>
/// <param name="remote">The remote-host port.</param>
/// <param name="files">The local files (the pages).</param>
/// <param name="log">The Cake log.</param>
internal sealed class UpgradePageWorkflow(IRemoteHosts remote, ILocalFiles files, ICakeLog log)
{
    /// <summary>Uploads the upgrade page (and, when staying healthy, the health-check override) to every host.</summary>
    /// <param name="hosts">The web servers.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The per-host results.</returns>
    public async Task<IReadOnlyList<HostResult>> BeginAsync(IReadOnlyList<RemoteHost> hosts, UpgradePageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var paths = UpgradePageCommands.Paths(settings);
        var uploads = new List<RemoteUpload> { new(paths[0], await ReadAsync(settings.UpgradeMessageFile, "static_html.upgrade_message", cancellationToken).ConfigureAwait(false)) };
        if (settings.StayHealthy)
        {
            uploads.Add(new(paths[1], await ReadAsync(settings.HealthcheckOverrideFile, "static_html.healthcheck_override", cancellationToken).ConfigureAwait(false)));
        }

        if (hosts.Count == 0)
        {
            log.Warning("begin_upgrade: no web servers to show the upgrade page on.");
            return [];
        }

        log.Information("begin_upgrade: showing the upgrade page on {0} web server(s)", hosts.Count);
        await using var step = await remote.OpenAsync(hosts, cancellationToken).ConfigureAwait(false);
        var names = settings.StayHealthy ? new[] { settings.UpgradeMessageName, settings.HealthcheckName } : [settings.UpgradeMessageName];
        await step.RunAsync(UpgradePageCommands.Claim(settings, names), cancellationToken).ConfigureAwait(false);
        var results = await step.UploadAsync(uploads, cancellationToken).ConfigureAwait(false);
        if (!settings.StayHealthy)
        {
            // be honest to the load balancer: a stale override from an earlier begin must not keep the server healthy
            await step.RunAsync(UpgradePageCommands.Remove(settings, [settings.HealthcheckName]), cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Removes both files from every host, where the deploy placed them.</summary>
    /// <param name="hosts">The web servers.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The per-host results.</returns>
    public async Task<IReadOnlyList<HostResult>> EndAsync(IReadOnlyList<RemoteHost> hosts, UpgradePageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (hosts.Count == 0)
        {
            log.Warning("end_upgrade: no web servers to remove the upgrade page from.");
            return [];
        }

        log.Information("end_upgrade: removing the upgrade page from {0} web server(s)", hosts.Count);
        await using var step = await remote.OpenAsync(hosts, cancellationToken).ConfigureAwait(false);
        return await step.RunAsync(UpgradePageCommands.Remove(settings), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks every host for the files and reports the hosts that differ from the expectation.</summary>
    /// <param name="hosts">The web servers.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="expectShown">True after begin (both files, or only the page when not staying healthy); false after end (none).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public async Task<UpgradePageReport> VerifyAsync(IReadOnlyList<RemoteHost> hosts, UpgradePageSettings settings, bool expectShown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var paths = UpgradePageCommands.Paths(settings);
        var expected = !expectShown ? [] : settings.StayHealthy ? paths : [paths[0]];
        if (hosts.Count == 0)
        {
            return new UpgradePageReport(expectShown, [], []);
        }

        await using var step = await remote.OpenAsync(hosts, cancellationToken).ConfigureAwait(false);
        var found = await step.FindFilesAsync(paths, cancellationToken).ConfigureAwait(false);
        var differing = found.Where(h => !h.Present.OrderBy(p => p, StringComparer.Ordinal).SequenceEqual(expected.OrderBy(p => p, StringComparer.Ordinal))).ToList();
        return new UpgradePageReport(expectShown, found, differing);
    }

    private async Task<ReadOnlyMemory<byte>> ReadAsync(string path, string key, CancellationToken cancellationToken)
    {
        if (!files.Exists(path))
        {
            throw new CakeException($"{key}: the file '{path}' does not exist. Point {key} in fabulaws-config.yml at the HTML file to serve.");
        }

        return await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
