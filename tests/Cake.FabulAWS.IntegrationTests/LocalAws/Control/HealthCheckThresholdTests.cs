using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using Microsoft.Extensions.Time.Testing;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>
/// Real HTTP health checks against instance hosts, stepped on a manual clock: healthy and unhealthy
/// thresholds count consecutive checks, one per interval.
/// </summary>
public sealed class HealthCheckThresholdTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;
    private string instanceId = string.Empty;
    private string appDirectory = string.Empty;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(new LocalAwsOptions { Port = 0, Tick = TimeSpan.Zero, BootTime = TimeSpan.Zero, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        api = new QueryClient(aws.Endpoint);
        appDirectory = Deployments.AppDirectory("app");
        var image = aws.CreateImageFromDirectory("app", appDirectory);
        instanceId = (await api.CallAsync("ec2", "RunInstances", ("ImageId", image), ("MinCount", "1"), ("MaxCount", "1"))).One("instanceId");
        await aws.WaitUntilAsync(s => s.Instances[instanceId].State == "running", TimeSpan.FromSeconds(20), "instance running");
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
        Directory.Delete(appDirectory, recursive: true);
    }

    private string HealthCheckFile => Path.Combine(aws.Inspect(s => s.Instances[instanceId].HomeDirectory!), "www", "healthcheck.html");

    private string ClassicState() => aws.Inspect(s => s.LoadBalancers["web"].Instances[instanceId].State);

    private string TargetState(string arn) => aws.Inspect(s => s.TargetGroups[arn].Targets.TryGetValue(instanceId, out var t) ? t.State : "unused");

    [Fact]
    public async Task Should_Count_Consecutive_Classic_Checks_Up_To_Each_Threshold()
    {
        // Given
        await Deployments.CreateLoadBalancerAsync(api, "web", healthy: 3, unhealthy: 2);
        await api.CallAsync("elb", "RegisterInstancesWithLoadBalancer", ("LoadBalancerName", "web"), ("Instances.member.1.InstanceId", instanceId));

        // When
        var states = new List<string>();
        await aws.TickAsync();
        states.Add(ClassicState());
        for (var i = 0; i < 2; i++)
        {
            await aws.AdvanceAsync(Interval);
            states.Add(ClassicState());
        }

        File.Delete(HealthCheckFile);
        for (var i = 0; i < 2; i++)
        {
            await aws.AdvanceAsync(Interval);
            states.Add(ClassicState());
        }

        // Then
        Assert.Equal(["OutOfService", "OutOfService", "InService", "InService", "OutOfService"], states);
        var health = await api.CallAsync("elb", "DescribeInstanceHealth", ("LoadBalancerName", "web"));
        Assert.Equal("Instance has failed at least the UnhealthyThreshold number of health checks consecutively.", health.One("Description"));
    }

    [Fact]
    public async Task Should_Move_Targets_Through_Initial_Healthy_Unhealthy_And_Draining()
    {
        // Given
        var arn = (await api.CallAsync("elbv2", "CreateTargetGroup", ("Name", "web"), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-1"),
            ("HealthCheckPath", "/healthcheck.html"), ("HealthCheckIntervalSeconds", "5"), ("HealthyThresholdCount", "2"), ("UnhealthyThresholdCount", "2"))).One("TargetGroupArn");
        await api.CallAsync("elbv2", "ModifyTargetGroupAttributes", ("TargetGroupArn", arn), ("Attributes.member.1.Key", "deregistration_delay.timeout_seconds"), ("Attributes.member.1.Value", "10"));
        await api.CallAsync("elbv2", "RegisterTargets", ("TargetGroupArn", arn), ("Targets.member.1.Id", instanceId));

        // When
        var states = new List<string>();
        await aws.TickAsync();
        states.Add(TargetState(arn));
        await aws.AdvanceAsync(Interval);
        states.Add(TargetState(arn));
        File.Delete(HealthCheckFile);
        await aws.AdvanceAsync(Interval);
        states.Add(TargetState(arn));
        await aws.AdvanceAsync(Interval);
        states.Add(TargetState(arn));
        var reason = await api.CallAsync("elbv2", "DescribeTargetHealth", ("TargetGroupArn", arn));
        await api.CallAsync("elbv2", "DeregisterTargets", ("TargetGroupArn", arn), ("Targets.member.1.Id", instanceId));
        states.Add(TargetState(arn));
        await aws.AdvanceAsync(TimeSpan.FromSeconds(11));
        states.Add(TargetState(arn));

        // Then
        Assert.Equal(["initial", "healthy", "healthy", "unhealthy", "draining", "unused"], states);
        Assert.Equal("Target.ResponseCodeMismatch", reason.One("Reason"));
        Assert.Equal("Health checks failed with these codes: [404]", reason.One("Description"));
    }
}
