using System.Diagnostics;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <summary>One step on many hosts over SSH: fan-out with bounded concurrency, per-host logs, all failures reported together.</summary>
internal sealed partial class SshStep : IRemoteStep
{
    private readonly SshSettings settings;
    private readonly ICakeLog log;
    private readonly IReadOnlyList<HostConnection> connections;
    private readonly Dictionary<RemoteHost, HostLog> logs = [];

    /// <summary>Initializes a new instance of the <see cref="SshStep"/> class.</summary>
    /// <param name="settings">The SSH settings.</param>
    /// <param name="log">The Cake log.</param>
    /// <param name="connections">One connection per host.</param>
    public SshStep(SshSettings settings, ICakeLog log, IReadOnlyList<HostConnection> connections)
    {
        this.settings = settings;
        this.log = log;
        this.connections = connections;
        Hosts = [.. connections.Select(c => c.Host)];
    }

    /// <inheritdoc />
    public IReadOnlyList<RemoteHost> Hosts { get; }

    /// <summary>Gets the log file name of each host.</summary>
    internal Func<RemoteHost, string> FileNames { get; init; } = HostLog.FileName;

    /// <summary>Gets the test hook called once the empty owner-only temporary secret files exist.</summary>
    internal Func<RemoteHost, IReadOnlyList<string>, Task>? AfterSecretFilesCreated { get; init; }

    /// <inheritdoc />
    public Task<IReadOnlyList<HostResult>> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return FanOutAsync(command.RenderSafe(), (connection, hostLog, ct) => RunOnHostAsync(connection, hostLog, command, ct), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        lock (logs)
        {
            foreach (var hostLog in logs.Values)
            {
                hostLog.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task<IReadOnlyList<HostResult>> FanOutAsync(string step, Func<HostConnection, HostLog, CancellationToken, Task<HostResult>> operation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(settings.Concurrency);
        var results = await Task.WhenAll(connections.Select(async connection =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var hostStarted = Stopwatch.GetTimestamp();
            HostLog? hostLog = null;
            try
            {
                hostLog = LogOf(connection.Host);
                return await operation(connection, hostLog, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var reason = e is RemoteHostException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                if (hostLog is null)
                {
                    reason = $"cannot open the log file of {connection.Host} in {settings.LogDirectory} ({reason}); nothing was done on it. Make the folder writable (after a sudo run: sudo chown -R $USER {settings.LogDirectory}).";
                    log.Error("[{0}] FAILED: {1}", connection.Host.Address, reason);
                }
                else
                {
                    hostLog.Line("FAILED: " + reason, LogLevel.Error);
                }

                return new HostResult(connection.Host, null, string.Empty, Stopwatch.GetElapsedTime(hostStarted), reason);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        var failed = results.Count(r => !r.Succeeded);
        // hosts with a log of their own (CreateEnvironment's servers) leave the summary to the workflow
        var quiet = Hosts.Count > 0 && Hosts.All(h => h.LogName is not null);
        log.Write(quiet ? Verbosity.Verbose : Verbosity.Normal, quiet ? LogLevel.Verbose : failed == 0 ? LogLevel.Information : LogLevel.Error, "{0}: {1} of {2} host(s) succeeded in {3:0.0} s", step, results.Length - failed, results.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return failed == 0 ? results : throw new RemoteCommandException(step, results);
    }

    private async Task<HostResult> RunOnHostAsync(HostConnection connection, HostLog hostLog, RemoteCommand command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        hostLog.Redact(command.Secrets());
        var client = await connection.ShellAsync(cancellationToken).ConfigureAwait(false);
        hostLog.Line("$ " + command.RenderSafe());
        var tail = new OutputTail(settings.OutputTailLines);
        var timeout = command.Timeout ?? settings.CommandTimeout;
        using var remote = client.CreateCommand(command.Render());
        remote.CommandTimeout = timeout;
        var execution = remote.ExecuteAsync(cancellationToken);
        var pumps = new[] { Pump(remote.OutputStream, hostLog, tail), Pump(remote.ExtendedOutputStream, hostLog, tail) };
        string? failure = null;
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (SshOperationTimeoutException)
        {
            failure = $"timed out after {timeout.TotalSeconds:0} s: {command.RenderSafe()}";
        }

        await Task.WhenAll(pumps).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        var exit = remote.ExitStatus;
        failure ??= exit switch
        {
            0 => null,
            null => $"ended without an exit code{(remote.ExitSignal is { } signal ? $" (signal {signal})" : string.Empty)}: {command.RenderSafe()}",
            _ => $"exit code {exit}: {command.RenderSafe()}",
        };
        var duration = Stopwatch.GetElapsedTime(started);
        hostLog.Line(failure is null ? $"ok in {duration.TotalSeconds:0.0} s" : "FAILED: " + failure, failure is null ? LogLevel.Verbose : LogLevel.Error);
        return new HostResult(connection.Host, exit, tail.ToString(), duration, failure);
    }

    /// <summary>Copies a stream line by line to the host log. SSH.NET's pipe streams only block, so each gets its own thread, not a pool thread.</summary>
    private static Task Pump(Stream stream, HostLog hostLog, OutputTail tail) => Task.Factory.StartNew(
        () =>
        {
            try
            {
                using var reader = new StreamReader(stream, leaveOpen: true);
                while (reader.ReadLine() is { } line)
                {
                    tail.Add(hostLog.Line(line));
                }
            }
            catch (ObjectDisposedException)
            {
                // the command was disposed after a timeout
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private HostLog LogOf(RemoteHost host)
    {
        lock (logs)
        {
            if (!logs.TryGetValue(host, out var hostLog))
            {
                hostLog = new HostLog(host, settings.LogDirectory, log, FileNames(host));
                logs[host] = hostLog;
            }

            return hostLog;
        }
    }
}
