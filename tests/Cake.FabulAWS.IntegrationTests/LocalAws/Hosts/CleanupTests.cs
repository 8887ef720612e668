using System.Text;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using LocalAws.Hosts;
using Renci.SshNet;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Hosts;

/// <summary>Disposing a server stops every sshd (with its session children) and web server, even when the test failed.</summary>
public sealed class CleanupTests : IDisposable
{
    private readonly string keys = Directory.CreateTempSubdirectory("localaws-keys-").FullName;

    public void Dispose() => Directory.Delete(keys, recursive: true);

    /// <summary>Processes whose command line mentions the directory (sshd -f DIR/...), found by scanning /proc.</summary>
    private static List<int> ProcessesMentioning(string directory) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(int.Parse!)
            .Where(pid => Cmdline(pid).Contains(directory, StringComparison.Ordinal)).ToList();

    private static string Cmdline(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline"));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Should_Leave_No_Sshd_Or_Session_Process_After_A_Failed_Test()
    {
        // Given
        var clientKey = Path.Combine(keys, "client");
        await KeyGen.CreateAsync(clientKey);
        string dataDirectory = string.Empty;
        List<int> tree = [];
        string address = string.Empty;

        // When
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var aws = await LocalAwsServer.StartAsync(Deployments.FastOptions() with { AuthorizedKeys = [await File.ReadAllTextAsync(clientKey + ".pub")] });
            dataDirectory = aws.DataDirectory;
            using var api = new QueryClient(aws.Endpoint);
            var ids = (await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "3"), ("MaxCount", "3"))).All("instanceId").Select(e => e.Value).ToList();
            await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(20), "running");
            address = aws.Inspect(s => s.Instances[ids[0]].Address);
            using var client = new SshClient(address, 2222, LocalUsers.DeployUser, new PrivateKeyFile(clientKey));
            client.Connect();
            var session = client.CreateCommand("sleep 300 </dev/null");
            _ = session.BeginExecute();
            var started = DateTime.UtcNow;
            while (!ProcessTree.Descendants(aws.SshdProcessIds).Any(pid => Cmdline(pid).StartsWith("sleep", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the session's sleep never started");
                await Task.Delay(20);
            }

            tree = [.. ProcessTree.Descendants(aws.SshdProcessIds)];
            throw new InvalidOperationException("the test failed here");
        });

        // Then
        Assert.Equal("the test failed here", failure?.Message);
        Assert.True(tree.Count > 3, $"expected sshd listeners plus session processes, saw {tree.Count}");
        Assert.DoesNotContain(tree, Alive);
        Assert.DoesNotContain(ProcessesMentioning(dataDirectory), Alive);
        Assert.False(Directory.Exists(dataDirectory));
    }
}
