using Cake.Core;
using Cake.FabulAWS.Environments;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class DeployWorkerTests : IAsyncLifetime
{
    private SshHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await SshHosts.StartAsync(2);

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Run_The_Commands_In_Order_On_The_Worker_With_The_Commit()
    {
        // Given: the worker is the second host
        var environment = Environment(
            "echo \"1 $DEPLOY_COMMIT\" >> ~/order",
            "echo \"2 {{commit}} $FABULAWS_COMMIT\" >> ~/order",
            "cat >> ~/order; echo 3 $(pwd) >> ~/order");

        // When
        var results = await environment.Context().FabulAwsDeployWorkerAsync(environment.Target, "0123abc");

        // Then
        Assert.Equal(3, results.Count);
        Assert.Equal(["1 0123abc", "2 0123abc 0123abc", $"3 {hosts.Home(1)}"], await File.ReadAllLinesAsync(Path.Combine(hosts.Home(1), "order")));
        Assert.False(File.Exists(Path.Combine(hosts.Home(0), "order")));
    }

    [Fact]
    public async Task Should_Stop_At_The_First_Failing_Command_And_Say_Which()
    {
        // Given
        var environment = Environment("echo one >> ~/order", "echo 'relation \"x\" does not exist' >&2; exit 4", "echo three >> ~/order");

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => environment.Context().FabulAwsDeployWorkerAsync(environment.Target, "0123abc", new EnvironmentOptions()));

        // Then
        Assert.StartsWith($"deploy_worker stopped at command 2 of 3 on {hosts.Hosts[1]}: `echo 'relation \"x\" does not exist' >&2; exit 4` exited with code 4", error.Message);
        Assert.Contains("Last output:\nrelation \"x\" does not exist", error.Message);
        Assert.Equal(["one"], await File.ReadAllLinesAsync(Path.Combine(hosts.Home(1), "order")));
    }

    private SshEnvironment Environment(params string[] commands) =>
        new(hosts, new CapturingLog(), "deploy_worker_commands:\n" + string.Concat(commands.Select(c => $"  - '{c.Replace("'", "''", StringComparison.Ordinal)}'\n")));
}
