using System.Net.Sockets;
using System.Text;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using LocalAws.Hosts;
using Renci.SshNet;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Hosts;

/// <summary>Each instance runs a real sshd on its own address, with its own directory as home and its host key in the console output.</summary>
public sealed class InstanceSshTests : IAsyncLifetime
{
    private readonly string keys = Directory.CreateTempSubdirectory("localaws-keys-").FullName;
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    private string ClientKey => Path.Combine(keys, "client");

    public async Task InitializeAsync()
    {
        await KeyGen.CreateAsync(ClientKey);
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions() with { AuthorizedKeys = [await File.ReadAllTextAsync(ClientKey + ".pub")] });
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }

    private async Task<string[]> RunAsync(string imageId, int count)
    {
        var xml = await api.CallAsync("ec2", "RunInstances", ("ImageId", imageId), ("MinCount", $"{count}"), ("MaxCount", $"{count}"));
        var ids = xml.All("instanceId").Select(e => e.Value).ToArray();
        await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(20), "running");
        return ids;
    }

    private SshClient Connect(string instanceId, Action<string>? fingerprint = null)
    {
        var address = aws.Inspect(s => s.Instances[instanceId].Address);
        var client = new SshClient(address, 2222, LocalUsers.DeployUser, new PrivateKeyFile(ClientKey));
        client.HostKeyReceived += (_, e) => fingerprint?.Invoke(e.FingerPrintSHA256);
        client.Connect();
        return client;
    }

    [Fact]
    public async Task Should_Print_The_Real_Sshd_Host_Key_In_The_Console_Output()
    {
        // Given
        var id = (await RunAsync(aws.BaseImageId, 1))[0];
        string? seen = null;

        // When
        var console = Encoding.UTF8.GetString(Convert.FromBase64String((await api.CallAsync("ec2", "GetConsoleOutput", ("InstanceId", id))).One("output")));
        var decodedByAwscli = (await new AwsCli(aws.Endpoint).RunAsync("ec2", "get-console-output", "--instance-id", id)).GetProperty("Output").GetString();
        using var client = Connect(id, f => seen = f);

        // Then
        var host = "ip-" + aws.Inspect(s => s.Instances[id].Address).Replace('.', '-');
        Assert.Contains($"ec2: 256 SHA256:{seen} root@{host} (ED25519)", console);
        Assert.Contains("-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAA", console);
        Assert.Contains(aws.Inspect(s => s.Instances[id].HostPublicKey!).Split(' ')[1], console);
        Assert.Equal(console, decodedByAwscli);
    }

    [Fact]
    public async Task Should_Use_The_Instance_Directory_As_Home_And_Serve_Its_Www()
    {
        // Given
        var id = (await RunAsync(aws.BaseImageId, 1))[0];
        using var client = Connect(id);

        // When
        using var command = client.RunCommand("echo deployed > ~/www/version.txt && cat ~/www/healthcheck.html </dev/null");
        using var http = new HttpClient();
        var served = await http.GetStringAsync(new Uri(aws.InstanceUri(id), "version.txt"));

        // Then
        Assert.Equal(0, command.ExitStatus);
        Assert.Equal("OK\n", command.Result);
        Assert.Equal("deployed\n", served);
    }

    [Fact]
    public async Task Should_Capture_The_Builder_Directory_In_An_Image_And_Copy_It_To_New_Instances()
    {
        // Given
        var builder = (await RunAsync(aws.BaseImageId, 1))[0];
        using (var client = Connect(builder))
        {
            using var write = client.RunCommand("mkdir -p ~/app && echo v2 > ~/app/release && echo '<h1>v2</h1>' > ~/www/index.html </dev/null");
            Assert.Equal(0, write.ExitStatus);
        }

        // When
        var image = (await api.CallAsync("ec2", "CreateImage", ("InstanceId", builder), ("Name", "app-v2"))).One("imageId");
        await aws.WaitUntilAsync(s => s.Images[image].State == "available", TimeSpan.FromSeconds(10), "image available");
        var copy = (await RunAsync(image, 1))[0];
        using var http = new HttpClient();
        var index = await http.GetStringAsync(aws.InstanceUri(copy));
        using var copyClient = Connect(copy);
        using var release = copyClient.RunCommand("cat ~/app/release && touch ~/app/writable </dev/null");

        // Then
        Assert.Equal("<h1>v2</h1>\n", index);
        Assert.Equal(0, release.ExitStatus);
        Assert.Equal("v2\n", release.Result);
    }

    [Fact]
    public async Task Should_Start_Instances_Without_Sshd_When_The_Fault_Asks()
    {
        // Given
        aws.Faults.SshDownNext(1);

        // When
        var id = (await RunAsync(aws.BaseImageId, 1))[0];
        var address = aws.Inspect(s => s.Instances[id].Address);
        using var tcp = new TcpClient();
        var refused = await Record.ExceptionAsync(() => tcp.ConnectAsync(address, 2222));
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(aws.InstanceUri(id), "healthcheck.html"));

        // Then
        Assert.IsType<SocketException>(refused);
        Assert.Equal("OK\n", health);
    }

    [Fact]
    public async Task Should_Stop_Sshd_Of_A_Running_Instance_On_Demand()
    {
        // Given
        var id = (await RunAsync(aws.BaseImageId, 1))[0];
        using var client = Connect(id);

        // When
        await aws.StopSshAsync(id);
        var address = aws.Inspect(s => s.Instances[id].Address);
        using var tcp = new TcpClient();
        var refused = await Record.ExceptionAsync(() => tcp.ConnectAsync(address, 2222));

        // Then
        Assert.IsType<SocketException>(refused);
        Assert.ThrowsAny<Exception>(() => client.RunCommand("true </dev/null"));
    }
}
