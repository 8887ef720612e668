using System.Text;
using global::LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>SIGTERM during DeploySerial (what CI sends a cancelled job): the run cleans up as after a failure, then fails saying so.</summary>
public sealed class DeployInterruptTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2, options: o => o with { BootTime = TimeSpan.FromSeconds(2) });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Roll_Back_And_Fail_When_Sigterm_Arrives_During_The_Replacement()
    {
        // Given: a deploy waiting for its first new instance (boot takes 2 s here)
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
        using var cake = CakeRun.Start(app.CakeEnvironment(), app.CakeArguments("DeploySerial"));
        var log = new StringBuilder();
        var reading = CakeRun.ReadAllAsync(cake, log);
        await app.Aws.WaitUntilAsync(s => s.Groups[AppEnvironment.Group].DesiredCapacity == 3, TimeSpan.FromMinutes(2), "the deploy's first round to raise the desired capacity");

        // When
        foreach (var pid in ProcessTree.Descendants([cake.Id]).Append(cake.Id))
        {
            ProcessTree.Signal(pid, 15);
        }

        await cake.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await reading;

        // Then
        output.WriteLine(log.ToString());
        Assert.NotEqual(0, cake.ExitCode);
        Assert.Contains("SIGTERM received: stopping and cleaning up first", log.ToString());
        Assert.Contains("DeploySerial on demo/local was stopped by SIGTERM", log.ToString());
        Assert.Contains("Rolled back:", log.ToString());
        var (inService, sizes, version) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle is "InService" or "Pending").Select(m => m.InstanceId).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.LaunchTemplate!.Version);
        });
        Assert.Equal(old, inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Equal("1", version);
    }
}
