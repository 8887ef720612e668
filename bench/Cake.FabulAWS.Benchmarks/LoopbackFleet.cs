using LocalAws.Hosts;

namespace Cake.FabulAWS.Benchmarks;

/// <summary>Many real sshd on 127.x.y.1..N, port 2222, with a client key and a known_hosts file.</summary>
internal sealed class LoopbackFleet : IAsyncDisposable
{
    private readonly List<SshServer> servers = [];

    private LoopbackFleet(DirectoryInfo root, string prefix)
    {
        Root = root;
        Prefix = prefix;
    }

    public DirectoryInfo Root { get; }

    public string Prefix { get; }

    public IReadOnlyList<string> Addresses => [.. servers.Select(s => s.Options.ListenAddress)];

    public string ClientKey => Path.Combine(Root.FullName, "client_key");

    public string KnownHosts => Path.Combine(Root.FullName, "known_hosts");

    public static async Task<LoopbackFleet> StartAsync(int count)
    {
        await LocalUsers.EnsureAsync();
        var root = Directory.CreateTempSubdirectory("fabulaws-bench-");
        File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        var fleet = new LoopbackFleet(root, $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}");
        await KeyGen.CreateAsync(fleet.ClientKey);
        var authorizedKeys = Path.Combine(root.FullName, "authorized_keys");
        File.Copy(fleet.ClientKey + ".pub", authorizedKeys);
        var starting = Enumerable.Range(1, count).Select(n =>
            SshServer.StartAsync(new SshServerOptions($"{fleet.Prefix}.{n}", 2222, Path.Combine(root.FullName, $"sshd{n}"), authorizedKeys))).ToList();
        foreach (var task in starting)
        {
            fleet.servers.Add(await task);
        }

        await File.WriteAllLinesAsync(fleet.KnownHosts, fleet.servers.Select(s => $"[{s.Options.ListenAddress}]:2222 {s.HostPublicKey}"));
        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        Root.Delete(recursive: true);
    }
}
