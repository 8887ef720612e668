using System.Text.Json;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli drives every Auto Scaling operation LocalAws implements (auto-pagination exercises the tokens).</summary>
public sealed class AutoScalingCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        cli = new AwsCli(aws.Endpoint);
        await cli.RunAsync("ec2", "create-launch-template", "--launch-template-name", "web", "--launch-template-data", $$"""{"ImageId":"{{aws.BaseImageId}}","InstanceType":"t3.micro"}""");
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    private Task CreateGroupAsync(string name, int desired = 1, params string[] extra) =>
        cli.RunAsync(["autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", name, "--launch-template", "LaunchTemplateName=web,Version=$Latest", "--min-size", "0", "--max-size", "4", "--desired-capacity", $"{desired}", "--availability-zones", "us-east-1a", .. extra]);

    private static string[] Names(JsonElement groups) => groups.GetProperty("AutoScalingGroups").EnumerateArray().Select(g => g.GetProperty("AutoScalingGroupName").GetString()!).ToArray();

    [Fact]
    public async Task Should_Create_And_Describe_Groups_Across_Pages()
    {
        // Given
        await CreateGroupAsync("a");
        await CreateGroupAsync("b");
        await CreateGroupAsync("c");

        // When
        var all = await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--page-size", "1");
        var some = await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "b", "c");

        // Then
        Assert.Equal(["a", "b", "c"], Names(all));
        Assert.Equal(["b", "c"], Names(some));
        Assert.True(aws.Metrics.Count("DescribeAutoScalingGroups") >= 4, "one request per page of one group, plus the named one");
    }

    [Fact]
    public async Task Should_Refuse_A_Duplicate_Group()
    {
        // Given
        await CreateGroupAsync("dup");

        // When
        var again = await cli.TryAsync("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "dup", "--launch-template", "LaunchTemplateName=web", "--min-size", "0", "--max-size", "1");

        // Then
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("(AlreadyExists)", again.Error);
    }

    [Fact]
    public async Task Should_Update_Sizes_And_Refuse_Them_Out_Of_Range()
    {
        // Given
        await CreateGroupAsync("sizes");

        // When
        await cli.RunAsync("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", "sizes", "--min-size", "1", "--max-size", "3", "--termination-policies", "OldestInstance", "NewestInstance");
        await cli.RunAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "sizes", "--desired-capacity", "3");
        var above = await cli.TryAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "sizes", "--desired-capacity", "4");
        var inverted = await cli.TryAsync("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", "sizes", "--min-size", "3", "--max-size", "2");
        var group = (await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "sizes")).GetProperty("AutoScalingGroups")[0];

        // Then
        Assert.Contains("(ValidationError)", above.Error);
        Assert.Contains("above max value 3", above.Error);
        Assert.Contains("(ValidationError)", inverted.Error);
        Assert.Equal(1, group.GetProperty("MinSize").GetInt32());
        Assert.Equal(3, group.GetProperty("DesiredCapacity").GetInt32());
        Assert.Equal(["OldestInstance", "NewestInstance"], group.GetProperty("TerminationPolicies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Should_Suspend_And_Resume_Processes()
    {
        // Given
        await CreateGroupAsync("procs");

        // When
        await cli.RunAsync("autoscaling", "suspend-processes", "--auto-scaling-group-name", "procs", "--scaling-processes", "Launch", "AddToLoadBalancer");
        var suspended = (await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "procs")).GetProperty("AutoScalingGroups")[0].GetProperty("SuspendedProcesses");
        await cli.RunAsync("autoscaling", "resume-processes", "--auto-scaling-group-name", "procs", "--scaling-processes", "Launch");
        var bogus = await cli.TryAsync("autoscaling", "suspend-processes", "--auto-scaling-group-name", "procs", "--scaling-processes", "Bogus");

        // Then
        Assert.Equal(["AddToLoadBalancer", "Launch"], suspended.EnumerateArray().Select(p => p.GetProperty("ProcessName").GetString()));
        Assert.StartsWith("User suspended at ", suspended[0].GetProperty("SuspensionReason").GetString());
        Assert.Equal(["AddToLoadBalancer"], aws.Inspect(s => s.Groups["procs"].SuspendedProcesses.Keys.ToList()));
        Assert.Contains("Invalid processes: [Bogus]", bogus.Error);
    }

    [Fact]
    public async Task Should_Create_Update_And_Delete_Tags()
    {
        // Given
        await CreateGroupAsync("tags");

        // When
        await cli.RunAsync("autoscaling", "create-or-update-tags", "--tags", "ResourceId=tags,ResourceType=auto-scaling-group,Key=deploy,Value=v1,PropagateAtLaunch=true", "ResourceId=tags,ResourceType=auto-scaling-group,Key=owner,Value=me,PropagateAtLaunch=false");
        await cli.RunAsync("autoscaling", "create-or-update-tags", "--tags", "ResourceId=tags,ResourceType=auto-scaling-group,Key=deploy,Value=v2,PropagateAtLaunch=true");
        await cli.RunAsync("autoscaling", "delete-tags", "--tags", "ResourceId=tags,ResourceType=auto-scaling-group,Key=owner");
        var tags = (await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "tags")).GetProperty("AutoScalingGroups")[0].GetProperty("Tags");

        // Then
        var tag = Assert.Single(tags.EnumerateArray());
        Assert.Equal("deploy", tag.GetProperty("Key").GetString());
        Assert.Equal("v2", tag.GetProperty("Value").GetString());
        Assert.True(tag.GetProperty("PropagateAtLaunch").GetBoolean());
    }

    [Fact]
    public async Task Should_Describe_Set_Health_And_Terminate_Instances()
    {
        // Given
        await CreateGroupAsync("inst", 3);
        await Deployments.WaitInServiceAsync(aws, "inst", 3);
        var ids = Deployments.Members(aws, "inst").Order(StringComparer.Ordinal).ToArray();

        // When
        var described = await cli.RunAsync("autoscaling", "describe-auto-scaling-instances", "--page-size", "1");
        await cli.RunAsync("autoscaling", "suspend-processes", "--auto-scaling-group-name", "inst", "--scaling-processes", "ReplaceUnhealthy");
        await cli.RunAsync("autoscaling", "set-instance-health", "--instance-id", ids[0], "--health-status", "Unhealthy");
        var decremented = await cli.RunAsync("autoscaling", "terminate-instance-in-auto-scaling-group", "--instance-id", ids[1], "--should-decrement-desired-capacity");
        var unknown = await cli.TryAsync("autoscaling", "set-instance-health", "--instance-id", "i-0000000000000dead", "--health-status", "Healthy");
        var activities = await cli.RunAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "inst", "--page-size", "2");

        // Then
        Assert.Equal(ids, described.GetProperty("AutoScalingInstances").EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()));
        Assert.Equal("Unhealthy", aws.Inspect(s => s.Groups["inst"].Members.First(m => m.InstanceId == ids[0]).Health));
        Assert.Equal($"Terminating EC2 instance: {ids[1]}", decremented.GetProperty("Activity").GetProperty("Description").GetString());
        Assert.Equal(2, aws.Inspect(s => s.Groups["inst"].DesiredCapacity));
        Assert.Contains("No managed instance found for instance ID: i-0000000000000dead", unknown.Error);
        var descriptions = activities.GetProperty("Activities").EnumerateArray().Select(a => a.GetProperty("Description").GetString()!).ToList();
        Assert.Equal(4, descriptions.Count);
        Assert.StartsWith("Terminating EC2 instance", descriptions[0]);
        Assert.All(descriptions.Skip(1), d => Assert.StartsWith("Launching a new EC2 instance: i-", d));
    }

    [Fact]
    public async Task Should_Replace_Without_Decrement_When_Terminating_An_Instance()
    {
        // Given
        await CreateGroupAsync("replace", 1);
        await Deployments.WaitInServiceAsync(aws, "replace", 1);
        var first = Deployments.Members(aws, "replace")[0];

        // When
        await cli.RunAsync("autoscaling", "terminate-instance-in-auto-scaling-group", "--instance-id", first, "--no-should-decrement-desired-capacity");
        await aws.WaitUntilAsync(s => s.Groups["replace"].Members.Count == 1 && s.Groups["replace"].Members[0].InstanceId != first && s.Groups["replace"].Members[0].Lifecycle == "InService", TimeSpan.FromSeconds(20), "a replacement");

        // Then
        Assert.Equal(1, aws.Inspect(s => s.Groups["replace"].DesiredCapacity));
        Assert.Equal("terminated", aws.Inspect(s => s.Instances[first].State));
    }

    [Fact]
    public async Task Should_Manage_Launch_Configurations()
    {
        // Given
        await cli.RunAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc-1", "--image-id", aws.BaseImageId, "--instance-type", "t3.micro");
        await cli.RunAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc-2", "--image-id", aws.BaseImageId, "--instance-type", "t3.small");
        await cli.RunAsync("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "legacy", "--launch-configuration-name", "lc-2", "--min-size", "0", "--max-size", "1", "--availability-zones", "us-east-1a");

        // When
        var listed = await cli.RunAsync("autoscaling", "describe-launch-configurations", "--page-size", "1");
        var inUse = await cli.TryAsync("autoscaling", "delete-launch-configuration", "--launch-configuration-name", "lc-2");
        await cli.RunAsync("autoscaling", "delete-launch-configuration", "--launch-configuration-name", "lc-1");
        var duplicate = await cli.TryAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", "lc-2", "--image-id", aws.BaseImageId, "--instance-type", "t3.micro");
        var left = await cli.RunAsync("autoscaling", "describe-launch-configurations");

        // Then
        Assert.Equal(["lc-1", "lc-2"], listed.GetProperty("LaunchConfigurations").EnumerateArray().Select(c => c.GetProperty("LaunchConfigurationName").GetString()));
        Assert.Contains("(ResourceInUse)", inUse.Error);
        Assert.Contains("(AlreadyExists)", duplicate.Error);
        Assert.Equal("t3.small", Assert.Single(left.GetProperty("LaunchConfigurations").EnumerateArray()).GetProperty("InstanceType").GetString());
    }

    [Fact]
    public async Task Should_Attach_Load_Balancers_And_Target_Groups_And_Delete_Groups()
    {
        // Given
        await CreateGroupAsync("attach");
        await cli.RunAsync("elb", "create-load-balancer", "--load-balancer-name", "lb", "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80");
        var arn = (await cli.RunAsync("elbv2", "create-target-group", "--name", "tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", "vpc-1")).GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;

        // When
        await cli.RunAsync("autoscaling", "attach-load-balancers", "--auto-scaling-group-name", "attach", "--load-balancer-names", "lb");
        await cli.RunAsync("autoscaling", "attach-load-balancer-target-groups", "--auto-scaling-group-name", "attach", "--target-group-arns", arn);
        var missing = await cli.TryAsync("autoscaling", "attach-load-balancers", "--auto-scaling-group-name", "attach", "--load-balancer-names", "nope");
        var group = (await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "attach")).GetProperty("AutoScalingGroups")[0];
        await cli.RunAsync("autoscaling", "detach-load-balancers", "--auto-scaling-group-name", "attach", "--load-balancer-names", "lb");
        await cli.RunAsync("autoscaling", "detach-load-balancer-target-groups", "--auto-scaling-group-name", "attach", "--target-group-arns", arn);
        var detached = aws.Inspect(s => s.Groups["attach"].LoadBalancerNames.Count + s.Groups["attach"].TargetGroupArns.Count);
        await Deployments.WaitInServiceAsync(aws, "attach", 1);
        var inUse = await cli.TryAsync("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "attach");
        await cli.RunAsync("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "attach", "--force-delete");

        // Then
        Assert.Equal(["lb"], group.GetProperty("LoadBalancerNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([arn], group.GetProperty("TargetGroupARNs").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("(ValidationError)", missing.Error);
        Assert.Equal(0, detached);
        Assert.Contains("(ResourceInUse)", inUse.Error);
        Assert.False(aws.Inspect(s => s.Groups.ContainsKey("attach")));
    }

    [Fact]
    public async Task Should_Start_Describe_And_Cancel_Instance_Refreshes()
    {
        // Given
        await CreateGroupAsync("refresh", 2);
        await Deployments.WaitInServiceAsync(aws, "refresh", 2);
        await cli.RunAsync("autoscaling", "suspend-processes", "--auto-scaling-group-name", "refresh", "--scaling-processes", "InstanceRefresh");

        // When
        var id = (await cli.RunAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "refresh", "--preferences", "MinHealthyPercentage=50,InstanceWarmup=0")).GetProperty("InstanceRefreshId").GetString();
        var second = await cli.TryAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "refresh");
        var described = (await cli.RunAsync("autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", "refresh")).GetProperty("InstanceRefreshes")[0];
        var cancelled = (await cli.RunAsync("autoscaling", "cancel-instance-refresh", "--auto-scaling-group-name", "refresh")).GetProperty("InstanceRefreshId").GetString();
        var none = await cli.TryAsync("autoscaling", "cancel-instance-refresh", "--auto-scaling-group-name", "refresh");

        // Then
        Assert.Contains("(InstanceRefreshInProgress)", second.Error);
        Assert.Equal(id, described.GetProperty("InstanceRefreshId").GetString());
        Assert.Equal(50, described.GetProperty("Preferences").GetProperty("MinHealthyPercentage").GetInt32());
        Assert.Equal(id, cancelled);
        Assert.Contains("(ActiveInstanceRefreshNotFound)", none.Error);
    }
}
