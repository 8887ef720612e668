using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.Upgrade;
using NSubstitute;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class DeployWorkerTests : IAsyncLifetime
{
    private SshHosts hosts = null!;
    private ICakeContext context = null!;
    private IInstances instances = null!;

    public async Task InitializeAsync()
    {
        hosts = await SshHosts.StartAsync(2);
        context = TestContext.Create(new CapturingLog(), hosts.Root.FullName);
        instances = Substitute.For<IInstances>();
        var worker = hosts.Hosts[1];
        instances.FindByTagsAsync(
                Arg.Is<IReadOnlyDictionary<string, string>>(t => t["role"] == "worker" && t["environment"] == "staging" && t["deployment"] == "myproject"),
                Arg.Any<IEnumerable<string>>(),
                Arg.Any<CancellationToken>())
            .Returns([new Ec2Instance(worker.InstanceId!, "running", worker.Address, null, null, null, "ami-1", null, new Dictionary<string, string>())]);
    }

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Run_The_Commands_In_Order_On_The_Worker_With_The_Commit()
    {
        // Given
        var settings = Settings(
            "echo \"1 $DEPLOY_COMMIT\" >> ~/order",
            "echo \"2 $FABULAWS_COMMIT\" >> ~/order",
            "cat >> ~/order; echo 3 $(pwd) >> ~/order") with { WorkingDirectory = "~/" };

        // When
        var results = await context.FabulAwsDeployWorkerAsync(settings);

        // Then
        Assert.Equal(3, results.Count);
        Assert.Equal(["1 0123abc", "2 0123abc", $"3 {hosts.Home(1)}"], await File.ReadAllLinesAsync(Path.Combine(hosts.Home(1), "order")));
        Assert.False(File.Exists(Path.Combine(hosts.Home(0), "order")));
    }

    [Fact]
    public async Task Should_Stop_At_The_First_Failing_Command_And_Say_Which()
    {
        // Given
        var settings = Settings("echo one >> ~/order", "echo 'relation \"x\" does not exist' >&2; exit 4", "echo three >> ~/order");

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => context.FabulAwsDeployWorkerAsync(settings));

        // Then
        Assert.StartsWith($"deploy_worker stopped at command 2 of 3 on {hosts.Hosts[1]}: `echo 'relation \"x\" does not exist' >&2; exit 4` exited with code 4", error.Message);
        Assert.Contains("Last output:\nrelation \"x\" does not exist", error.Message);
        Assert.Equal(["one"], await File.ReadAllLinesAsync(Path.Combine(hosts.Home(1), "order")));
    }

    private DeployWorkerSettings Settings(params string[] commands) => new()
    {
        Deployment = "myproject",
        Environment = "staging",
        Ssh = hosts.Settings(),
        Ports = new RemotePorts(instances, Substitute.For<IAutoScalingGroups>(), Substitute.For<IGitRepository>()),
        Commit = "0123abc",
        Commands = commands,
    };
}
