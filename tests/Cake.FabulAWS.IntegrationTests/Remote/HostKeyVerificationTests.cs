using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using LocalAws.Hosts;
using NSubstitute;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class HostKeyVerificationTests : IAsyncLifetime
{
    private SshHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await SshHosts.StartAsync(2);

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Refuse_A_Changed_Host_Key_With_Both_Fingerprints()
    {
        // Given
        var other = Path.Combine(hosts.Root.FullName, "other_host_key");
        await KeyGen.CreateAsync(other);
        var address = hosts.Hosts[0].Address;
        await File.WriteAllTextAsync(hosts.KnownHosts, $"[{address}]:2222 {await File.ReadAllTextAsync(other + ".pub")}");

        // When
        var failure = await FailureAsync(hosts.Settings(), hosts.Hosts[0]);

        // Then
        Assert.StartsWith($"HOST KEY MISMATCH for {hosts.Hosts[0]} as {hosts.Hosts[0].InstanceId}", failure);
        Assert.Contains($"expects {await FingerprintAsync(other + ".pub")} (ssh-ed25519, {hosts.KnownHosts} line 1)", failure);
        Assert.Contains($"the server presented {await FingerprintAsync(hosts.Servers[0].HostKeyFile + ".pub")} (ssh-ed25519)", failure);
        Assert.Contains($"ssh-keygen -R '[{address}]:2222'", failure);
    }

    [Fact]
    public async Task Should_Accept_Hashed_Known_Hosts_Entries()
    {
        // Given
        await SshHosts.RunAsync("ssh-keygen", "-H", "-f", hosts.KnownHosts);
        var text = await File.ReadAllTextAsync(hosts.KnownHosts);

        // When
        var results = await RunAsync(hosts.Settings(), hosts.Hosts);

        // Then
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("|1|", line));
        Assert.All(results, r => Assert.Equal("ok", r.OutputTail));
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Host_And_Say_How_To_Add_It()
    {
        // Given
        File.Delete(hosts.KnownHosts);
        var address = hosts.Hosts[1].Address;

        // When
        var failure = await FailureAsync(hosts.Settings(), hosts.Hosts[1]);

        // Then
        Assert.StartsWith($"Unknown host key for {hosts.Hosts[1]} as [{address}]:2222: {await FingerprintAsync(hosts.Servers[1].HostKeyFile + ".pub")} (ssh-ed25519) is in neither {hosts.KnownHosts} nor {hosts.RecordedKnownHosts}", failure);
        Assert.Contains($"ssh-keyscan -p 2222 {address} >> {hosts.KnownHosts}", failure);
        Assert.Contains("--ssh-trust-new-hosts", failure);
        Assert.False(File.Exists(hosts.KnownHosts));
        Assert.False(File.Exists(hosts.RecordedKnownHosts));
    }

    [Fact]
    public async Task Should_Record_Unknown_Hosts_By_Instance_Id_In_Its_Own_File_When_Trusting_On_First_Use()
    {
        // Given
        File.Delete(hosts.KnownHosts);

        // When
        await RunAsync(hosts.Settings() with { TrustOnFirstUse = true }, hosts.Hosts);
        var recorded = await File.ReadAllLinesAsync(hosts.RecordedKnownHosts);
        var again = await RunAsync(hosts.Settings(), hosts.Hosts);

        // Then: the user's known_hosts is never written
        Assert.Equal(2, recorded.Length);
        foreach (var (server, i) in hosts.Servers.Select((s, i) => (s, i)))
        {
            Assert.Contains($"{hosts.Hosts[i].InstanceId} {string.Join(' ', server.HostPublicKey.Split(' ').Take(2))}", recorded);
        }

        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(hosts.RecordedKnownHosts));
        Assert.False(File.Exists(hosts.KnownHosts));
        Assert.All(again, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task Should_Refuse_For_The_Rest_Of_The_Run_Another_Key_Than_The_One_Trusted_First()
    {
        // Given: one run (one adapter); the same instance answers later with another key (here: another server)
        File.Delete(hosts.KnownHosts);
        var remote = new SshRemoteHosts(hosts.Settings() with { TrustOnFirstUse = true }, new CapturingLog());
        await using (var first = await remote.OpenAsync([hosts.Hosts[0]]))
        {
            await first.WriteSecretsAsync("~/secrets", [new RemoteSecret("token", new Secret("s3cr3t"))]);
        }

        var impostor = new RemoteHost(hosts.Hosts[1].Address, hosts.Hosts[0].InstanceId);

        // When
        await using var second = await remote.OpenAsync([impostor]);
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => second.WriteSecretsAsync("~/secrets", [new RemoteSecret("token", new Secret("s3cr3t"))]));

        // Then
        Assert.Contains($"HOST KEY CHANGED during this run for {impostor}: it presented {await FingerprintAsync(hosts.Servers[0].HostKeyFile + ".pub")} (ssh-ed25519) first and now {await FingerprintAsync(hosts.Servers[1].HostKeyFile + ".pub")}", error.Message);
        Assert.False(File.Exists(Path.Combine(hosts.Home(1), "secrets", "token")));
        Assert.Single(await File.ReadAllLinesAsync(hosts.RecordedKnownHosts));
    }

    [Fact]
    public async Task Should_Trust_A_Replacement_Instance_On_A_Reused_Address_By_Its_Console_Output()
    {
        // Given: known_hosts still lists the key of the instance that had this address before
        var old = Path.Combine(hosts.Root.FullName, "old_instance_key");
        await KeyGen.CreateAsync(old);
        await File.WriteAllTextAsync(hosts.KnownHosts, $"[{hosts.Hosts[0].Address}]:2222 {await File.ReadAllTextAsync(old + ".pub")}");
        var console = await CloudInitOutputAsync(hosts.Servers[0].HostKeyFile + ".pub", fingerprints: true, keys: false);
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync(hosts.Hosts[0].InstanceId!, Arg.Any<CancellationToken>()).Returns(console);

        // When
        var results = await RunAsync(hosts.Settings() with { UseConsoleOutputHostKeys = true }, [hosts.Hosts[0]], instances);

        // Then
        Assert.Equal("ok", Assert.Single(results).OutputTail);
    }

    [Fact]
    public async Task Should_Never_Trust_On_First_Use_A_Changed_Key()
    {
        // Given
        var other = Path.Combine(hosts.Root.FullName, "other_host_key2");
        await KeyGen.CreateAsync(other);
        await File.WriteAllTextAsync(hosts.KnownHosts, $"[{hosts.Hosts[0].Address}]:2222 {await File.ReadAllTextAsync(other + ".pub")}");

        // When
        var failure = await FailureAsync(hosts.Settings() with { TrustOnFirstUse = true }, hosts.Hosts[0]);

        // Then
        Assert.StartsWith("HOST KEY MISMATCH", failure);
        Assert.Single(await File.ReadAllLinesAsync(hosts.KnownHosts));
        Assert.False(File.Exists(hosts.RecordedKnownHosts));
    }

    [Fact]
    public async Task Should_Refuse_A_Revoked_Key()
    {
        // Given
        await File.AppendAllTextAsync(hosts.KnownHosts, $"\n@revoked * {hosts.Servers[0].HostPublicKey}\n");

        // When
        var failure = await FailureAsync(hosts.Settings(), hosts.Hosts[0]);

        // Then
        Assert.StartsWith($"The host key of {hosts.Hosts[0]}", failure);
        Assert.Contains($"is marked @revoked in {hosts.KnownHosts} line 4", failure);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Should_Trust_The_Keys_The_Instance_Printed_To_Its_Console(bool fingerprints, bool keys)
    {
        // Given
        File.Delete(hosts.KnownHosts);
        var console = await CloudInitOutputAsync(hosts.Servers[0].HostKeyFile + ".pub", fingerprints, keys);
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync(hosts.Hosts[0].InstanceId!, Arg.Any<CancellationToken>()).Returns(console);

        // When
        var results = await RunAsync(hosts.Settings() with { UseConsoleOutputHostKeys = true }, [hosts.Hosts[0]], instances);

        // Then
        Assert.Equal("ok", Assert.Single(results).OutputTail);
        Assert.False(File.Exists(hosts.KnownHosts));
    }

    [Fact]
    public async Task Should_Refuse_A_Key_The_Console_Output_Does_Not_List()
    {
        // Given
        File.Delete(hosts.KnownHosts);
        var console = await CloudInitOutputAsync(hosts.Servers[1].HostKeyFile + ".pub", fingerprints: true, keys: true);
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync(hosts.Hosts[0].InstanceId!, Arg.Any<CancellationToken>()).Returns(console);

        // When
        var failure = await FailureAsync(hosts.Settings() with { UseConsoleOutputHostKeys = true }, hosts.Hosts[0], instances);

        // Then
        Assert.StartsWith($"HOST KEY MISMATCH for {hosts.Hosts[0]}: the console output of {hosts.Hosts[0].InstanceId} lists {await FingerprintAsync(hosts.Servers[1].HostKeyFile + ".pub")}", failure);
        Assert.Contains($"the server presented {await FingerprintAsync(hosts.Servers[0].HostKeyFile + ".pub")}", failure);
    }

    private static async Task<string> FingerprintAsync(string publicKeyFile) =>
        (await SshHosts.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile)).Split(' ')[1];

    private static async Task<string> CloudInitOutputAsync(string publicKeyFile, bool fingerprints, bool keys)
    {
        var lines = new List<string> { "[   10.1] cloud-init[812]: Cloud-init v. 24.1 running 'modules:final'", "ec2: " };
        if (fingerprints)
        {
            var printed = (await SshHosts.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile)).Trim();
            lines.AddRange(["ec2: #############################################################", "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----", $"ec2: {printed}", "ec2: -----END SSH HOST KEY FINGERPRINTS-----"]);
        }

        if (keys)
        {
            lines.AddRange(["-----BEGIN SSH HOST KEY KEYS-----", (await File.ReadAllTextAsync(publicKeyFile)).Trim(), "-----END SSH HOST KEY KEYS-----"]);
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    private static async Task<IReadOnlyList<HostResult>> RunAsync(SshSettings settings, IReadOnlyList<RemoteHost> targets, IInstances? instances = null)
    {
        await using var step = await new SshRemoteHosts(settings, new CapturingLog(), instances).OpenAsync(targets);
        return await step.RunAsync(RemoteCommand.Of("echo", "ok"));
    }

    private static async Task<string> FailureAsync(SshSettings settings, RemoteHost target, IInstances? instances = null)
    {
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => RunAsync(settings, [target], instances));
        return Assert.Single(error.Failures).Failure!;
    }
}
