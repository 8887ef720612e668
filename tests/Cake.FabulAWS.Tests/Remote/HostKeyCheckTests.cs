using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class HostKeyCheckTests : IDisposable
{
    private static readonly RemoteHost Host = new("10.0.0.5", "i-0abc");
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("host-key-check-");
    private readonly SshSettings settings = new("deploy") { Port = 2222 };

    private string KnownHostsPath => Path.Combine(directory.FullName, "known_hosts");

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
            $"HOST KEY MISMATCH for 10.0.0.5 (i-0abc) as [10.0.0.5]:2222: {KnownHostsPath} expects {HostKeyFingerprint.Sha256(TestKeys.Blob(1))} (ssh-ed25519, line 1), the server presented {HostKeyFingerprint.Sha256(TestKeys.Blob(2))} (ssh-ed25519). "
            + $"Someone may be intercepting the connection, or the address now belongs to a new instance. Check the instance's console output; if the new key is right, remove the old one with `ssh-keygen -R '[10.0.0.5]:2222' -f {KnownHostsPath}`.",
            check.Refusal);
        Assert.Single(File.ReadAllLines(KnownHostsPath));
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
    }

    [Fact]
    public async Task Should_Record_An_Unknown_Key_When_Trusting_On_First_Use()
    {
        // Given
        var check = await PrepareAsync(settings with { TrustOnFirstUse = true });

        // When
        var trusted = check.Decide(TestKeys.Blob(3));

        // Then
        Assert.True(trusted);
        Assert.Equal([TestKeys.Line("[10.0.0.5]:2222", 3)], File.ReadAllLines(KnownHostsPath));
    }

    [Fact]
    public async Task Should_Check_Against_The_Console_Output_When_Known_Hosts_Has_Nothing()
    {
        // Given
        var instances = Substitute.For<IInstances>();
        instances.GetConsoleOutputAsync("i-0abc", Arg.Any<CancellationToken>())
            .Returns($"ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\nec2: 256 {HostKeyFingerprint.Sha256(TestKeys.Blob(5))} root@ip (ED25519)\nec2: -----END SSH HOST KEY FINGERPRINTS-----\n");
        var check = await PrepareAsync(settings with { TrustOnFirstUse = true }, instances);

        // When
        var good = check.Decide(TestKeys.Blob(5));
        var bad = check.Decide(TestKeys.Blob(6));

        // Then
        Assert.True(good);
        Assert.False(bad);
        Assert.StartsWith("HOST KEY MISMATCH for 10.0.0.5 (i-0abc): the console output of i-0abc lists", check.Refusal);
        Assert.False(File.Exists(KnownHostsPath));
    }

    [Fact]
    public async Task Should_Not_Read_Console_Output_For_A_Known_Host()
    {
        // Given
        File.WriteAllLines(KnownHostsPath, [TestKeys.Line("[10.0.0.5]:2222", 1)]);
        var instances = Substitute.For<IInstances>();

        // When
        await PrepareAsync(settings, instances);

        // Then
        await instances.DidNotReceiveWithAnyArgs().GetConsoleOutputAsync(default!, default);
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

    private Task<HostKeyCheck> PrepareAsync(SshSettings s, IInstances? instances = null) =>
        HostKeyCheck.PrepareAsync(Host, 2222, s, KnownHostsFile.Load(KnownHostsPath), instances, CancellationToken.None);
}
