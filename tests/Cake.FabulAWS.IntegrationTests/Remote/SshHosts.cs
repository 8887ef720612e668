using System.Diagnostics;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>Real sshd processes on 127.x.y.1..N (x, y random per instance), port 2222, each with its own home directory.</summary>
public sealed class SshHosts : IAsyncDisposable
{
    public const int Port = 2222;
    private static readonly HashSet<(int, int)> Taken = [];
    private readonly List<SshServer> servers = [];

    private SshHosts(DirectoryInfo root, string prefix, string clientKey)
    {
        Root = root;
        Prefix = prefix;
        ClientKey = clientKey;
        KnownHosts = Path.Combine(root.FullName, "known_hosts");
        RecordedKnownHosts = Path.Combine(root.FullName, "fabulaws", "known_hosts");
        LogDirectory = Path.Combine(root.FullName, "logs");
    }

    public DirectoryInfo Root { get; }

    public string Prefix { get; }

    public string ClientKey { get; }

    public string KnownHosts { get; }

    /// <summary>Gets FabulAWS's own known_hosts (trust on first use records there, by instance id).</summary>
    public string RecordedKnownHosts { get; }

    public string LogDirectory { get; }

    public IReadOnlyList<SshServer> Servers => servers;

    public IReadOnlyList<RemoteHost> Hosts => [.. servers.Select((s, i) => new RemoteHost(s.Options.ListenAddress, $"i-{i + 1:D8}"))];

    public static async Task<SshHosts> StartAsync(int count)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(count);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // another test process took one of the addresses: pick another prefix
            }
        }
    }

    private static async Task<SshHosts> TryStartAsync(int count)
    {
        await LocalUsers.EnsureAsync();
        var root = Directory.CreateTempSubdirectory("fabulaws-remote-");
        File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8)); // sshd reads authorized_keys as the login user
        var clientKey = Path.Combine(root.FullName, "client_key");
        await KeyGen.CreateAsync(clientKey);
        var authorizedKeys = Path.Combine(root.FullName, "authorized_keys");
        File.Copy(clientKey + ".pub", authorizedKeys);
        var hosts = new SshHosts(root, AllocatePrefix(), clientKey);
        try
        {
            var starting = Enumerable.Range(1, count).Select(n =>
            {
                var home = Directory.CreateDirectory(Path.Combine(root.FullName, $"home{n}"));
                File.SetUnixFileMode(home.FullName, (UnixFileMode)Convert.ToInt32("777", 8));
                return SshServer.StartAsync(new SshServerOptions($"{hosts.Prefix}.{n}", Port, Path.Combine(root.FullName, $"sshd{n}"), authorizedKeys, home.FullName));
            }).ToList();
            foreach (var task in starting)
            {
                hosts.servers.Add(await task);
            }

            hosts.WriteKnownHosts();
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    public string Home(int index) => Path.Combine(Root.FullName, $"home{index + 1}");

    public SshSettings Settings() => new(LocalUsers.DeployUser)
    {
        Port = Port,
        KeyPath = ClientKey,
        KnownHostsPath = KnownHosts,
        RecordedKnownHostsPath = RecordedKnownHosts,
        LogDirectory = LogDirectory,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(60),
        UseConsoleOutputHostKeys = false,
    };

    public void WriteKnownHosts() => File.WriteAllLines(KnownHosts, servers.Select(s => $"[{s.Options.ListenAddress}]:{Port} {s.HostPublicKey}"));

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        try
        {
            Root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a session may still be closing; the temp dir is cleaned by the OS later
        }
    }

    private static string AllocatePrefix()
    {
        lock (Taken)
        {
            while (true)
            {
                var pair = (Random.Shared.Next(1, 255), Random.Shared.Next(1, 255));
                if (Taken.Add(pair))
                {
                    return $"127.{pair.Item1}.{pair.Item2}";
                }
            }
        }
    }
}
