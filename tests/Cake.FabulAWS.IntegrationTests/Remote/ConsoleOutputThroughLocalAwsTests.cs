using Cake.FabulAWS.Aws;
using Cake.FabulAWS.IntegrationTests.Aws;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>
/// Host keys verified from the EC2 console output, end to end: our SSH adapter asks our EC2 adapter, which asks
/// LocalAws, whose instances print their real sshd host key the way cloud-init does. No known_hosts entry, no
/// trust on first use.
/// </summary>
public sealed class ConsoleOutputThroughLocalAwsTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("fabulaws-console-keys-").FullName;
    private LocalAwsAdapters aws = null!;

    private string ClientKey => Path.Combine(root, "client");

    private string KnownHosts => Path.Combine(root, "known_hosts");

    private AwsServices Ports => aws.Services;

    public async Task InitializeAsync()
    {
        await KeyGen.CreateAsync(ClientKey);
        var authorized = await File.ReadAllTextAsync(ClientKey + ".pub");
        aws = await LocalAwsAdapters.StartAsync(hosts: true, o => o with { AuthorizedKeys = [authorized] });
        await Ports.LaunchTemplates.CreateTemplateAsync("web", new LaunchTemplateChange(aws.Server.BaseImageId) { InstanceType = "t3.micro" });
        await Ports.Provisioning.CreateGroupAsync(new GroupCreation("web", LaunchSource.Template("web", "$Latest"), 0, 2, 2) { AvailabilityZones = ["us-east-1a"] });
        await LocalAwsAdapters.PollAsync(
            async () => (await Ports.AutoScalingGroups.FindGroupAsync("web"))!,
            g => g.Instances.Count == 2 && g.Instances.All(i => i.IsInService),
            "2 instances InService in web");
    }

    public async Task DisposeAsync()
    {
        await aws.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private SshSettings Settings(bool useConsoleOutput = true) => new(LocalUsers.DeployUser)
    {
        Port = aws.Server.Options.SshPort,
        KeyPath = ClientKey,
        KnownHostsPath = KnownHosts,
        RecordedKnownHostsPath = Path.Combine(root, "fabulaws_known_hosts"),
        TrustOnFirstUse = false,
        UseConsoleOutputHostKeys = useConsoleOutput,
        LogDirectory = Path.Combine(root, "logs"),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<IReadOnlyList<HostResult>> RunAsync(SshSettings settings, IReadOnlyList<RemoteHost> hosts)
    {
        await using var step = await new SshRemoteHosts(settings, new CapturingLog(), Ports.Instances).OpenAsync(hosts);
        return await step.RunAsync(RemoteCommand.Shell("echo \"$HOME\""));
    }

    private static async Task<string> FingerprintAsync(string publicKeyLine, string file)
    {
        await File.WriteAllTextAsync(file, publicKeyLine + "\n");
        return (await SshHosts.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", file)).Split(' ')[1];
    }

    [Fact]
    public async Task Should_Run_On_The_Groups_Instances_Trusting_The_Keys_Their_Console_Output_Lists()
    {
        // Given
        var hosts = await new ServerDirectory(Ports.Instances, Ports.AutoScalingGroups, "private_ip_address").FindWebServersAsync("web");

        // When
        var results = await RunAsync(Settings(), hosts);

        // Then
        Assert.Equal(2, hosts.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure));
        Assert.Equal(hosts.Select(h => aws.Server.Inspect(s => s.Instances[h.InstanceId!].HomeDirectory)), results.Select(r => r.OutputTail));
        Assert.False(File.Exists(KnownHosts)); // console keys are checked, never written down
        Assert.Equal(2, aws.Server.Metrics.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task Should_Refuse_The_Same_Unknown_Hosts_Without_The_Console_Output()
    {
        // Given
        var hosts = await new ServerDirectory(Ports.Instances, Ports.AutoScalingGroups, "private_ip_address").FindWebServersAsync("web");

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => RunAsync(Settings(useConsoleOutput: false), hosts));

        // Then
        Assert.Equal(2, error.Failures.Count);
        Assert.All(error.Failures, f => Assert.StartsWith("Unknown host key", f.Failure));
        Assert.Equal(0, aws.Server.Metrics.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task Should_Refuse_A_Host_Whose_Console_Output_Lists_Another_Key_Naming_Both_Fingerprints()
    {
        // Given: the console output of one instance lists a key its sshd does not hold, as if someone answered in its place
        var hosts = await new ServerDirectory(Ports.Instances, Ports.AutoScalingGroups, "private_ip_address").FindWebServersAsync("web");
        var target = hosts[0];
        var other = Path.Combine(root, "other_host_key");
        await KeyGen.CreateAsync(other);
        var otherLine = (await File.ReadAllTextAsync(other + ".pub")).Trim();
        var realLine = aws.Server.Inspect(s => s.Instances[target.InstanceId!].HostPublicKey!);
        aws.Server.Mutate(s => s.Instances[target.InstanceId!].HostPublicKey = otherLine);

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => RunAsync(Settings(), hosts));

        // Then
        var failure = Assert.Single(error.Failures);
        Assert.Equal(target, failure.Host);
        Assert.StartsWith($"HOST KEY MISMATCH for {target}: the console output of {target.InstanceId} lists {await FingerprintAsync(otherLine, other + ".listed")}", failure.Failure);
        Assert.Contains($"the server presented {await FingerprintAsync(realLine, other + ".real")}", failure.Failure);
        Assert.True(error.Results.Single(r => r.Host == hosts[1]).Succeeded);
    }
}
