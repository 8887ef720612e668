using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Faults;

/// <summary>Throttling, server errors and latency on demand, as clients must survive them.</summary>
public sealed class ApiFaultTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { Tick = TimeSpan.Zero });
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Throttle_Query_Services_With_Throttling_And_Ec2_With_RequestLimitExceeded()
    {
        // Given
        aws.Faults.ThrottleRate = 1;

        // When
        var (queryStatus, query) = await api.TryAsync("autoscaling", "DescribeAutoScalingGroups");
        var (ec2Status, ec2) = await api.TryAsync("ec2", "DescribeInstances");

        // Then
        Assert.Equal((400, "Throttling"), (queryStatus, query.One("Code")));
        Assert.Equal((400, "RequestLimitExceeded"), (ec2Status, ec2.One("Code")));
    }

    [Fact]
    public async Task Should_Let_Awscli_Retry_Through_Throttling_Until_It_Gives_Up()
    {
        // Given
        aws.Faults.ThrottleRate = 1;
        var cli = new AwsCli(aws.Endpoint);

        // When
        var result = await cli.TryAsync("autoscaling", "describe-auto-scaling-groups");

        // Then
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(Throttling)", result.Error);
    }

    [Fact]
    public async Task Should_Answer_Server_Errors_At_The_Configured_Rate()
    {
        // Given
        aws.Faults.ServerErrorRate = 1;

        // When
        var (status, xml) = await api.TryAsync("elb", "DescribeLoadBalancers");
        aws.Faults.ServerErrorRate = 0;
        var (after, _) = await api.TryAsync("elb", "DescribeLoadBalancers");

        // Then
        Assert.Equal(500, status);
        Assert.Equal("Receiver", xml.One("Type"));
        Assert.Equal("InternalFailure", xml.One("Code"));
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task Should_Add_Latency_To_Every_Call()
    {
        // Given
        aws.Faults.Latency = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When
        await api.CallAsync("autoscaling", "DescribeAutoScalingGroups");

        // Then
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Should_Fail_Launches_As_Failed_Activities_Without_Instances()
    {
        // Given
        aws.Faults.FailNextLaunches(1);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 1, healthCheckType: "EC2");

        // When
        await aws.TickAsync();

        // Then
        var activity = aws.Inspect(s => s.Activities.Single());
        Assert.Equal("Failed", activity.Status);
        Assert.Contains("launch failed", activity.StatusMessage);
        Assert.Empty(aws.Inspect(s => s.Instances.Values.Where(i => i.GroupName == "web").ToList()));
    }
}
