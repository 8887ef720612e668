using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli drives every classic ELB and ELBv2 operation LocalAws implements.</summary>
public sealed class LoadBalancingCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;
    private string[] ids = [];

    public async Task InitializeAsync()
    {
        // Real time scale: a 30 s health check interval keeps targets "initial" while awscli runs.
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { TimeScale = 1 });
        cli = new AwsCli(aws.Endpoint);
        using var api = new QueryClient(aws.Endpoint);
        var run = await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "2"), ("MaxCount", "2"));
        ids = run.All("instanceId").Select(e => e.Value).ToArray();
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task Should_Create_Configure_Register_And_Describe_Classic_Load_Balancers()
    {
        // Given
        var dns = (await cli.RunAsync("elb", "create-load-balancer", "--load-balancer-name", "web", "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80", "--availability-zones", "us-east-1a")).GetProperty("DNSName").GetString();
        await cli.RunAsync("elb", "create-load-balancer", "--load-balancer-name", "other", "--listeners", "Protocol=TCP,LoadBalancerPort=22,InstanceProtocol=TCP,InstancePort=22");

        // When
        var check = await cli.RunAsync("elb", "configure-health-check", "--load-balancer-name", "web", "--health-check", "Target=HTTP:80/healthcheck.html,Interval=5,Timeout=2,UnhealthyThreshold=2,HealthyThreshold=3");
        var registered = await cli.RunAsync("elb", "register-instances-with-load-balancer", "--load-balancer-name", "web", "--instances", ids[0], ids[1]);
        var health = await cli.RunAsync("elb", "describe-instance-health", "--load-balancer-name", "web");
        var deregistered = await cli.RunAsync("elb", "deregister-instances-from-load-balancer", "--load-balancer-name", "web", "--instances", ids[1]);
        var unknown = await cli.TryAsync("elb", "describe-instance-health", "--load-balancer-name", "web", "--instances", ids[1]);
        var page = await cli.RunAsync("elb", "describe-load-balancers", "--page-size", "1"); // PageSize is ELB's own parameter: awscli does not follow markers then
        var next = await cli.RunAsync("elb", "describe-load-balancers", "--page-size", "1", "--marker", page.GetProperty("NextMarker").GetString()!);
        var all = await cli.RunAsync("elb", "describe-load-balancers");
        var missing = await cli.TryAsync("elb", "describe-load-balancers", "--load-balancer-names", "nope");
        var duplicate = await cli.TryAsync("elb", "create-load-balancer", "--load-balancer-name", "web", "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80");

        // Then
        Assert.StartsWith("127.", dns);
        Assert.Equal(3, check.GetProperty("HealthCheck").GetProperty("HealthyThreshold").GetInt32());
        Assert.Equal(2, registered.GetProperty("Instances").GetArrayLength());
        Assert.All(health.GetProperty("InstanceStates").EnumerateArray(), s => Assert.Equal("OutOfService", s.GetProperty("State").GetString()));
        Assert.Equal(ids[0], deregistered.GetProperty("Instances")[0].GetProperty("InstanceId").GetString());
        Assert.Contains("(InvalidInstance)", unknown.Error);
        Assert.Equal("other", page.GetProperty("LoadBalancerDescriptions")[0].GetProperty("LoadBalancerName").GetString());
        Assert.Equal("web", next.GetProperty("LoadBalancerDescriptions")[0].GetProperty("LoadBalancerName").GetString());
        Assert.False(next.TryGetProperty("NextMarker", out _));
        Assert.Equal(["other", "web"], all.GetProperty("LoadBalancerDescriptions").EnumerateArray().Select(l => l.GetProperty("LoadBalancerName").GetString()));
        Assert.Contains("(LoadBalancerNotFound)", missing.Error);
        Assert.Contains("(DuplicateLoadBalancerName)", duplicate.Error);
    }

    [Fact]
    public async Task Should_Create_Target_Groups_And_Register_Describe_And_Deregister_Targets()
    {
        // Given
        await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(10), "running");
        var arn = (await cli.RunAsync("elbv2", "create-target-group", "--name", "web", "--protocol", "HTTP", "--port", "80", "--vpc-id", "vpc-1", "--health-check-path", "/healthcheck.html", "--healthy-threshold-count", "2")).GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        await cli.RunAsync("elbv2", "create-target-group", "--name", "api", "--protocol", "HTTP", "--port", "8080", "--vpc-id", "vpc-1");

        // When
        var attributes = await cli.RunAsync("elbv2", "modify-target-group-attributes", "--target-group-arn", arn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=120");
        await cli.RunAsync("elbv2", "register-targets", "--target-group-arn", arn, "--targets", $"Id={ids[0]}", $"Id={ids[1]}");
        var health = await cli.RunAsync("elbv2", "describe-target-health", "--target-group-arn", arn);
        await cli.RunAsync("elbv2", "deregister-targets", "--target-group-arn", arn, "--targets", $"Id={ids[1]}");
        var draining = await cli.RunAsync("elbv2", "describe-target-health", "--target-group-arn", arn, "--targets", $"Id={ids[1]}");
        var groups = await cli.RunAsync("elbv2", "describe-target-groups");
        var page = await cli.RunAsync("elbv2", "describe-target-groups", "--page-size", "1");
        var byName = await cli.RunAsync("elbv2", "describe-target-groups", "--names", "web");
        var missing = await cli.TryAsync("elbv2", "describe-target-groups", "--names", "nope");
        var badTarget = await cli.TryAsync("elbv2", "register-targets", "--target-group-arn", arn, "--targets", "Id=i-00000000000000bad");

        // Then
        Assert.Equal("120", attributes.GetProperty("Attributes")[0].GetProperty("Value").GetString());
        Assert.All(health.GetProperty("TargetHealthDescriptions").EnumerateArray(), t => Assert.Equal("initial", t.GetProperty("TargetHealth").GetProperty("State").GetString()));
        var drain = draining.GetProperty("TargetHealthDescriptions")[0].GetProperty("TargetHealth");
        Assert.Equal("draining", drain.GetProperty("State").GetString());
        Assert.Equal("Target.DeregistrationInProgress", drain.GetProperty("Reason").GetString());
        Assert.True(page.TryGetProperty("NextMarker", out _));
        Assert.Equal(["api", "web"], groups.GetProperty("TargetGroups").EnumerateArray().Select(g => g.GetProperty("TargetGroupName").GetString()));
        Assert.Equal("/healthcheck.html", byName.GetProperty("TargetGroups")[0].GetProperty("HealthCheckPath").GetString());
        Assert.Contains("(TargetGroupNotFound)", missing.Error);
        Assert.Contains("(InvalidTarget)", badTarget.Error);
    }
}
