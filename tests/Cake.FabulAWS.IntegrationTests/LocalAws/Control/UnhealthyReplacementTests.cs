using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>SetInstanceHealth Unhealthy terminates the instance first and launches its replacement after, as AWS does.</summary>
public sealed class UnhealthyReplacementTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { BootTime = TimeSpan.FromMilliseconds(300) });
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 2, healthCheckType: "EC2");
        await Deployments.WaitInServiceAsync(aws, "web", 2);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Terminate_Then_Replace_With_A_Dip_In_Capacity()
    {
        // Given
        var sick = Deployments.Members(aws, "web")[0];
        var before = aws.Metrics.Timeline.Count;

        // When
        await api.CallAsync("autoscaling", "SetInstanceHealth", ("InstanceId", sick), ("HealthStatus", "Unhealthy"));
        await aws.WaitUntilAsync(s => !s.Groups["web"].Members.Any(m => m.InstanceId == sick) && s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 2, TimeSpan.FromSeconds(20), "replacement");

        // Then
        var samples = aws.Metrics.Timeline.Skip(before).Select(s => s.Groups["web"].InService).ToList();
        Assert.Contains(1, samples);
        Assert.Equal(2, samples[^1]);
        var activities = aws.Inspect(s => s.Activities.Select(a => a.Description).ToList());
        var terminated = activities.IndexOf($"Terminating EC2 instance: {sick}");
        Assert.True(terminated > 0 && activities.Skip(terminated + 1).Any(a => a.StartsWith("Launching a new EC2 instance: i-", StringComparison.Ordinal)), string.Join("\n", activities));
        Assert.Contains("health check", aws.Inspect(s => s.Activities.Single(a => a.Description == $"Terminating EC2 instance: {sick}").Cause));
    }

    [Fact]
    public async Task Should_Ignore_Unhealthy_During_The_Grace_Period_When_Asked_To_Respect_It()
    {
        // Given
        await api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("HealthCheckGracePeriod", "3000"));
        var member = Deployments.Members(aws, "web")[0];

        // When
        await api.CallAsync("autoscaling", "SetInstanceHealth", ("InstanceId", member), ("HealthStatus", "Unhealthy"), ("ShouldRespectGracePeriod", "true"));

        // Then
        Assert.Equal("Healthy", aws.Inspect(s => s.Groups["web"].Members.Single(m => m.InstanceId == member).Health));
    }
}
