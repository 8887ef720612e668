using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Tests.Remote;

/// <summary>An in-memory remote-host port that records every operation; commands succeed unless told otherwise.</summary>
internal sealed class FakeRemote : IRemoteHosts
{
    public List<string> Operations { get; } = [];

    /// <summary>Notes an operation; hosts of a workflow may be worked on at once.</summary>
    public void Record(string operation)
    {
        lock (Operations)
        {
            Operations.Add(operation);
        }
    }

    public List<(string Directory, IReadOnlyList<RemoteSecret> Secrets)> SecretWrites { get; } = [];

    public List<RemoteUpload> Uploads { get; } = [];

    /// <summary>Gets or sets the exit code of the n-th command run (0-based); others exit 0.</summary>
    public Func<int, RemoteCommand, int> ExitCode { get; set; } = (_, _) => 0;

    /// <summary>Gets or sets the files each host has.</summary>
    public Func<RemoteHost, IReadOnlyList<string>> Files { get; set; } = _ => [];

    public static UpgradePageSettings UpgradeSettings() => new()
    {
        StaticRoot = "~/www/static",
        UpgradeMessageFile = "/srv/myproject/upgrade.html",
        HealthcheckOverrideFile = "/srv/myproject/healthcheck.html",
    };

    public static DeployWorkerSettings WorkerSettings(params string[] commands) => new()
    {
        Deployment = "myproject",
        Environment = "staging",
        Commit = "0123abc",
        Commands = commands,
    };

    public static UpdateServerPasswordsSettings PasswordSettings(string secretsDirectory, params string[] names) => new()
    {
        Deployment = "myproject",
        Environment = "staging",
        PasswordNames = names,
        SecretsFileDirectory = secretsDirectory,
    };

    /// <summary>Gets or sets why a probe of the host fails, or null when it answers.</summary>
    public Func<RemoteHost, string?> Probe { get; set; } = _ => null;

    public Task<string?> ProbeAsync(RemoteHost host, CancellationToken cancellationToken = default)
    {
        Record("probe " + host.Address);
        return Task.FromResult(Probe(host));
    }

    public string LogFile(RemoteHost host) => $"/logs/{host.LogName ?? host.InstanceId ?? host.Address}.log";

    /// <summary>Gets the lines noted in each log file.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<string>> Notes { get; } = new();

    public void Note(RemoteHost host, string text) => Notes.GetOrAdd(LogFile(host), _ => new()).Enqueue(text);

    public Task<IRemoteStep> OpenAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken = default)
    {
        Record("open " + string.Join(",", hosts.Select(h => h.Address)));
        return Task.FromResult<IRemoteStep>(new Step(this, hosts));
    }

    private sealed class Step(FakeRemote remote, IReadOnlyList<RemoteHost> hosts) : IRemoteStep
    {
        private int commands;

        public IReadOnlyList<RemoteHost> Hosts => hosts;

        public Task<IReadOnlyList<HostResult>> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
        {
            remote.Record("run " + command.RenderSafe());
            var exit = remote.ExitCode(commands++, command);
            var results = hosts.Select(h => new HostResult(h, exit, exit == 0 ? string.Empty : "boom\nlast line", TimeSpan.FromSeconds(1), exit == 0 ? null : $"exit code {exit}: {command.RenderSafe()}")).ToList();
            return exit == 0 ? Task.FromResult<IReadOnlyList<HostResult>>(results) : throw new RemoteCommandException(command.RenderSafe(), results);
        }

        public Task<IReadOnlyList<HostResult>> UploadAsync(IReadOnlyList<RemoteUpload> files, CancellationToken cancellationToken = default)
        {
            remote.Record("upload " + string.Join(",", files.Select(f => f.RemotePath)));
            lock (remote.Uploads)
            {
                remote.Uploads.AddRange(files);
            }

            return Ok();
        }

        public Task<IReadOnlyList<HostResult>> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
        {
            remote.Record("remove " + string.Join(",", paths));
            return Ok();
        }

        public Task<IReadOnlyList<HostFiles>> FindFilesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
        {
            remote.Record("find " + string.Join(",", paths));
            return Task.FromResult<IReadOnlyList<HostFiles>>([.. hosts.Select(h => new HostFiles(h, [.. paths.Where(p => remote.Files(h).Contains(p))], [.. paths.Where(p => !remote.Files(h).Contains(p))]))]);
        }

        public Task<IReadOnlyList<HostResult>> WriteSecretsAsync(string directory, IReadOnlyList<RemoteSecret> secrets, CancellationToken cancellationToken = default)
        {
            remote.Record($"secrets {directory} " + string.Join(",", secrets.Select(s => s.Name)));
            lock (remote.SecretWrites)
            {
                remote.SecretWrites.Add((directory, secrets));
            }

            return Ok();
        }

        public ValueTask DisposeAsync()
        {
            remote.Record("close");
            return ValueTask.CompletedTask;
        }

        private Task<IReadOnlyList<HostResult>> Ok() =>
            Task.FromResult<IReadOnlyList<HostResult>>([.. hosts.Select(h => new HostResult(h, null, string.Empty, TimeSpan.Zero, null))]);
    }
}
