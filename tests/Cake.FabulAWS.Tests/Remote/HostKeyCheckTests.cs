using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class HostKeyCheckTests : IDisposable
{
    private static readonly RemoteHost Host = new("10.0.0.5", "i-0abc");
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("host-key-check-");
    private readonly SshSettings settings = new("deploy") { Port = 2222 };
    private HostKeyStore? store;

    private string KnownHostsPath => Path.Combine(directory.FullName, "known_hosts");

    private string RecordedPath => Path.Combine(directory.FullName, "fabulaws", "known_hosts");

    private HostKeyStore Store => store ??= new HostKeyStore(KnownHostsFile.Load(KnownHostsPath), KnownHostsFile.Load(RecordedPath));

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Should_Trust_The_Key_Known_Hosts_Lists()
    {
        // Given
        File.WriteAllLines(KnownHostsPath, [TestKeys.Line("[10.0.0.5]:2222", 1)]);
        var check = await PrepareAsync(settings);

        // When
        var trusted = check.Decide(TestKeys.Blob(1));

        // Then
        Assert.True(trusted);
        Assert.Null(check.Refusal);
    }

    [Fact]
    public async Task Should_Refuse_Another_Key_Naming_Both_Fingerprints()
    {
        // Given
        File.WriteAllLines(KnownHostsPath, [TestKeys.Line("[10.0.0.5]:2222", 1)]);
        var check = await PrepareAsync(settings with { TrustOnFirstUse = true });

        // When
        var trusted = check.Decide(TestKeys.Blob(2));

        // Then
        Assert.False(trusted);
        Assert.Equal(
            $"HOST KEY MISMATCH for 10.0.0.5 (i-0abc) as i-0abc: known_hosts expects {HostKeyFingerprint.Sha256(TestKeys.Blob(1))} (ssh-ed25519, {KnownHostsPath} line 1), the server presented {HostKeyFingerprint.Sha256(TestKeys.Blob(2))} (ssh-ed25519). "
            + $"Someone may be intercepting the connection, or the address now belongs to another server. Check the server's console output; if the new key is right, remove the old one with `ssh-keygen -R '[10.0.0.5]:2222' -f {KnownHostsPath}`.",
            check.Refusal);
        Assert.Single(File.ReadAllLines(KnownHostsPath));
        Assert.False(File.Exists(RecordedPath));
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Key_Without_Trust_On_First_Use()
    {
        // Given
        var check = await PrepareAsync(settings);

        // When
        var trusted = check.Decide(TestKeys.Blob(3));

        // Then
        Assert.False(trusted);
        Assert.Contains("ssh-keyscan -p 2222 10.0.0.5 >> " + KnownHostsPath, check.Refusal);
        Assert.Contains("console output not consulted", check.Refusal);
        Assert.False(File.Exists(KnownHostsPath));
        Assert.False(File.Exists(RecordedPath));
    }

    [Fact]
    public async Task Should_Record_An_Unknown_Key_By_Instance_Id_In_Its_Own_File_When_Trusting_On_First_Use()
    {
        // Given
        var check = await PrepareAsync(settings with { TrustOnFirstUse = true });

        // When
        var trusted = check.Decide(TestKeys.Blob(3));

        // Then: never the user's known_hosts, never the address
        Assert.True(trusted);
        Assert.Equal([TestKeys.Line("i-0abc", 3)], File.ReadAllLines(RecordedPath));
        Assert.False(File.Exists(KnownHostsPath));
    }

    [Fact]
    public async Task Should_Pin_The_First_Key_For_Every_Later_Connection_Of_The_Run()
    {
        // Given: two connections to one host (shell and SFTP), each with its own check
        var shell = await PrepareAsync(settings with { TrustOnFirstUse = true });
        var sftp = await PrepareAsync(settings with { TrustOnFirstUse = true });

        // When
        var first = shell.Decide(TestKeys.Blob(3));
        var second = sftp.Decide(TestKeys.Blob(4));
        var again = sftp.Decide(TestKeys.Blob(3));

        // Then
        Assert.True(first);
        Assert.False(second);
        Assert.True(again);
        Assert.StartsWith($"HOST KEY CHANGED during this run for 10.0.0.5 (i-0abc): it presented {HostKeyFingerprint.Sha256(TestKeys.Blob(3))} (ssh-ed25519) first and now {HostKeyFingerprint.Sha256(TestKeys.Blob(4))}", sftp.Refusal);
        Assert.Equal([TestKeys.Line("i-0abc", 3)], File.ReadAllLines(RecordedPath));
    }

    [Fact]
    public async Task Should_Trust_A_New_Instance_On_A_Reused_Address_By_Its_Console_Output()
    {
        // Given: known_hosts has the key of the instance that had this private IP before
        File.WriteAllLines(KnownHostsPath, [TestKeys.Line("[10.0.0.5]:2222", 1)]);
        var instances = ConsoleListing(5);
        var check = await PrepareAsync(settings, instances);

        // When
        var trusted = check.Decide(TestKeys.Blob(5));

        // Then
        Assert.True(trusted);
        Assert.Null(check.Refusal);
    }

    [Fact]
    public async Task Should_Check_Against_The_Console_Output_And_Nothing_Else()
    {
        // Given
        File.WriteAllLines(KnownHostsPath, [TestKeys.Line("[10.0.0.5]:2222", 6)]);
        var check = await PrepareAsync(settings with { TrustOnFirstUse = true }, ConsoleListing(5));

        // When
        var bad = check.Decide(TestKeys.Blob(6));
        var good = check.Decide(TestKeys.Blob(5));

        // Then
        Assert.False(bad);
        Assert.True(good);
        Assert.StartsWith("HOST KEY MISMATCH for 10.0.0.5 (i-0abc): the console output of i-0abc lists", check.Refusal);
        Assert.False(File.Exists(RecordedPath));
    }

    [Fact]
    public async Task Should_Trust_A_Key_Recorded_For_The_Instance_Id_When_The_Console_Has_None()
    {
        // Given
        Directory.CreateDirectory(Path.GetDirectoryName(RecordedPath)!);
        File.WriteAllLines(RecordedPath, [TestKeys.Line("i-0abc", 7)]);
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync("i-0abc", Arg.Any<CancellationToken>()).Returns(string.Empty);
        var check = await PrepareAsync(settings, instances);

        // When
        var trusted = check.Decide(TestKeys.Blob(7));
        var other = await PrepareAsync(settings, instances, new RemoteHost("10.0.0.5", "i-0def"));

        // Then: the key is the instance's, not the address's
        Assert.True(trusted);
        Assert.False(other.Decide(TestKeys.Blob(7)));
    }

    [Fact]
    public async Task Should_Refuse_A_Revoked_Key_Even_When_The_Console_Lists_It()
    {
        // Given
        File.WriteAllLines(KnownHostsPath, ["@revoked * " + TestKeys.Line("x", 5)[2..]]);
        var check = await PrepareAsync(settings, ConsoleListing(5));

        // When
        var trusted = check.Decide(TestKeys.Blob(5));

        // Then
        Assert.False(trusted);
        Assert.Contains($"is marked @revoked in {KnownHostsPath} line 1", check.Refusal);
    }

    [Fact]
    public async Task Should_Say_When_The_Console_Output_Has_No_Fingerprints_Yet()
    {
        // Given
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync("i-0abc", Arg.Any<CancellationToken>()).Returns(string.Empty);
        var check = await PrepareAsync(settings, instances);

        // When
        var trusted = check.Decide(TestKeys.Blob(1));

        // Then
        Assert.False(trusted);
        Assert.Contains("no host key fingerprints in the console output of i-0abc (yet)", check.Refusal);
    }

    private static IInstances ConsoleListing(byte seed)
    {
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync("i-0abc", Arg.Any<CancellationToken>())
            .Returns($"ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\nec2: 256 {HostKeyFingerprint.Sha256(TestKeys.Blob(seed))} root@ip (ED25519)\nec2: -----END SSH HOST KEY FINGERPRINTS-----\n");
        return instances;
    }

    private Task<HostKeyCheck> PrepareAsync(SshSettings s, IInstances? instances = null, RemoteHost? host = null) =>
        HostKeyCheck.PrepareAsync(host ?? Host, 2222, s, Store, instances, CancellationToken.None);
}
