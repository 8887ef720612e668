using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// The SSH adapter (SSH.NET): runs commands and moves files on many hosts at once, with bounded concurrency, host
/// keys verified, one log file per host and the Cake log prefixed with the host. One instance serves a whole run:
/// the first key each host presents is pinned for every later connection of the run.
/// </summary>
public sealed class SshRemoteHosts : IRemoteHosts
{
    private readonly SshSettings settings;
    private readonly ICakeLog log;
    private readonly IInstances? instances;
    private Lazy<HostKeyStore> hostKeys;

    // instance id -> the log name a workflow gave it: later steps on the instance write to the same file
    private System.Collections.Concurrent.ConcurrentDictionary<string, string> logNames = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="SshRemoteHosts"/> class.</summary>
    /// <param name="settings">The SSH settings.</param>
    /// <param name="log">The Cake log.</param>
    /// <param name="instances">Reads EC2 console output for host keys of fresh instances; null to skip that.</param>
    public SshRemoteHosts(SshSettings settings, ICakeLog log, IInstances? instances = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        if (settings.Concurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Concurrency, "Concurrency must be at least 1.");
        }

        this.settings = settings;
        this.log = log;
        this.instances = instances;
        hostKeys = new(() => new HostKeyStore(
            KnownHostsFile.Load(settings.KnownHostsPath ?? Path.Combine(Home, ".ssh", "known_hosts")),
            KnownHostsFile.Load(settings.RecordedKnownHostsPath ?? Path.Combine(Home, ".fabulaws", "known_hosts"))));
    }

    /// <summary>Gets how environment variables are read (tests replace it).</summary>
    internal Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the local home directory (for ~/.ssh).</summary>
    internal string Home { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Gets a hook called after the empty owner-only temporary secret files exist and before any value is written (tests).</summary>
    internal Func<RemoteHost, IReadOnlyList<string>, Task>? AfterSecretFilesCreated { get; init; }

    /// <inheritdoc />
    public async Task<string?> ProbeAsync(RemoteHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var quiet = new SshRemoteHosts(settings, new QuietLog(log), instances) { Variables = Variables, Home = Home, hostKeys = hostKeys, logNames = logNames };
        try
        {
            await using var step = await quiet.OpenAsync([host], cancellationToken).ConfigureAwait(false);
            await step.RunAsync(RemoteCommand.Of("true").WithTimeout(settings.ConnectTimeout + settings.ConnectTimeout), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RemoteCommandException e)
        {
            return e.Failures.FirstOrDefault()?.Failure ?? e.Message;
        }
    }

    /// <inheritdoc />
    public string LogFile(RemoteHost host) => Path.Combine(settings.LogDirectory, FileName(host));

    /// <inheritdoc />
    public void Note(RemoteHost host, string text)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var hostLog = new HostLog(host, settings.LogDirectory, log, FileName(host));
        hostLog.Note(text);
    }

    /// <inheritdoc />
    public Task<IRemoteStep> OpenAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var target = $"as '{settings.User}' on {string.Join(", ", hosts.Select(h => h.Address))}";
        var keys = SshKeys.Open(settings, Variables, Home, target);
        var connections = hosts.Select(h => new HostConnection(h, settings, keys, ct =>
            HostKeyCheck.PrepareAsync(h, h.Port ?? settings.Port, settings, hostKeys.Value, instances, ct))).ToList();
        return Task.FromResult<IRemoteStep>(new SshStep(settings, log, connections) { AfterSecretFilesCreated = AfterSecretFilesCreated, FileNames = FileName });
    }

    /// <summary>
    /// The log file name of a host: the name a workflow gave it (remembered for its instance, so a later step of the
    /// run that finds the instance again, such as deploy_worker, writes to the same file), else its instance id.
    /// </summary>
    private string FileName(RemoteHost host)
    {
        if (host.InstanceId is { } id)
        {
            if (host.LogName is { } name)
            {
                logNames[id] = name;
            }
            else if (logNames.TryGetValue(id, out var given))
            {
                return HostLog.FileName(given);
            }
        }

        return HostLog.FileName(host);
    }
}
