using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using Microsoft.Extensions.Time.Testing;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>With ELB health checks a new instance waits for the load balancer, bounded by the grace period.</summary>
public sealed class ElbHealthCheckTypeTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(new LocalAwsOptions { Port = 0, Tick = TimeSpan.Zero, BootTime = TimeSpan.Zero, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateLoadBalancerAsync(api, "web", healthy: 2, unhealthy: 2);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    private (string Lifecycle, string Health, string Lb) First() => aws.Inspect(s =>
    {
        var m = s.Groups["web"].Members[0];
        return (m.Lifecycle, m.Health, s.LoadBalancers["web"].Instances.TryGetValue(m.InstanceId, out var h) ? h.State : "-");
    });

    [Fact]
    public async Task Should_Stay_Pending_Until_The_Load_Balancer_Has_It_In_Service()
    {
        // Given
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 1, "web");

        // When
        // Launch, host up, running, registered, first passing check: the host starts on its own time (slower under
        // load), so tick until the load balancer has seen one passing check, within a bounded number of ticks.
        var states = new List<(string, string, string)>();
        for (var tick = 0; tick < 100 && !aws.Inspect(s => s.LoadBalancers["web"].Instances.Values.Any(b => b.Successes >= 1)); tick++)
        {
            await aws.TickAsync();
            await Task.Delay(20);
        }

        states.Add(First());
        await aws.AdvanceAsync(TimeSpan.FromSeconds(5)); // second check: healthy threshold reached
        states.Add(First());

        // Then
        Assert.Equal([("Pending", "Healthy", "OutOfService"), ("InService", "Healthy", "InService")], states);
    }

    [Fact]
    public async Task Should_Replace_An_Instance_That_Never_Becomes_Healthy_After_The_Grace_Period()
    {
        // Given
        var broken = aws.CreateImageFromDirectory("broken", aws.DataDirectory + "/base-image");
        aws.Faults.NeverHealthyImage(broken);
        await Deployments.CreateTemplateAsync(api, "web", broken);
        await Deployments.CreateGroupAsync(api, "web", 1, "web");
        await aws.TickAsync();
        await aws.TickAsync();
        var first = aws.Inspect(s => s.Groups["web"].Members[0].InstanceId);
        await aws.WaitUntilAsync(s => s.Instances[first].State == "running", TimeSpan.FromSeconds(20), "the instance to boot (the grace period starts then)");

        // When
        await aws.AdvanceAsync(TimeSpan.FromSeconds(30));
        var withinGrace = First();
        await aws.AdvanceAsync(TimeSpan.FromSeconds(31));
        await aws.WaitUntilAsync(s => s.Instances[first].State == "terminated" && s.Groups["web"].Members.Count == 1, TimeSpan.FromSeconds(20), "the replacement");

        // Then
        Assert.Equal(("Pending", "Healthy", "OutOfService"), withinGrace);
        Assert.Equal("terminated", aws.Inspect(s => s.Instances[first].State));
        Assert.Contains(aws.Inspect(s => s.Activities.Select(a => a.Cause).ToList()), c => c.Contains("an ELB health check", StringComparison.Ordinal));
        Assert.NotEqual(first, aws.Inspect(s => s.Groups["web"].Members.Single().InstanceId));
    }
}
