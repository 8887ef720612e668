using System.Text.Json;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli drives EnterStandby and ExitStandby; the control loop only runs when a test ticks, so what must not happen can be checked.</summary>
public sealed class StandbyCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { Tick = TimeSpan.Zero });
        cli = new AwsCli(aws.Endpoint);
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    /// <summary>Set-up through the plain Query client: awscli is for the calls under test.</summary>
    private async Task<string[]> CreateGroupAsync(int min, int desired, int max, params (string, string)[] extra)
    {
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", [("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateName", "web"), ("LaunchTemplate.Version", "$Latest"),
            ("MinSize", $"{min}"), ("MaxSize", $"{max}"), ("DesiredCapacity", $"{desired}"), ("AvailabilityZones.member.1", "us-east-1a"), .. extra]);
        await Deployments.WaitInServiceAsync(aws, "web", desired);
        return Deployments.Members(aws, "web").Order(StringComparer.Ordinal).ToArray();
    }

    private string Lifecycle(string id) => aws.Inspect(s => s.Groups["web"].Members.Single(m => m.InstanceId == id).Lifecycle);

    private Task WaitLifecycleAsync(string id, string lifecycle) =>
        aws.WaitUntilAsync(s => s.Groups["web"].Members.Any(m => m.InstanceId == id && m.Lifecycle == lifecycle), TimeSpan.FromSeconds(20), $"{id} {lifecycle}");

    private static JsonElement OnlyActivity(JsonElement answer) => Assert.Single(answer.GetProperty("Activities").EnumerateArray());

    [Fact]
    public async Task Should_Take_An_Instance_Out_Of_Its_Load_Balancers_Into_Standby_And_Back()
    {
        // Given
        await Deployments.CreateLoadBalancerAsync(api, "web-lb");
        var tg = (await api.CallAsync("elbv2", "CreateTargetGroup", ("Name", "web-tg"), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-1"))).One("TargetGroupArn");
        await api.CallAsync("elbv2", "ModifyTargetGroupAttributes", ("TargetGroupArn", tg), ("Attributes.member.1.Key", "deregistration_delay.timeout_seconds"), ("Attributes.member.1.Value", "50"));
        var ids = await CreateGroupAsync(1, 2, 3, ("LoadBalancerNames.member.1", "web-lb"), ("TargetGroupARNs.member.1", tg));
        await aws.WaitUntilAsync(s => ids.All(s.LoadBalancers["web-lb"].Instances.ContainsKey) && ids.All(s.TargetGroups[tg].Targets.ContainsKey), TimeSpan.FromSeconds(10), "both registered");

        // When
        var enter = OnlyActivity(await cli.RunAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--should-decrement-desired-capacity"));
        var entering = aws.Inspect(s => (Lifecycle: s.Groups["web"].Members.Single(m => m.InstanceId == ids[0]).Lifecycle, s.Groups["web"].DesiredCapacity, InLb: s.LoadBalancers["web-lb"].Instances.ContainsKey(ids[0]), Target: s.TargetGroups[tg].Targets[ids[0]].State));
        var described = (await cli.RunAsync("autoscaling", "describe-auto-scaling-instances", "--instance-ids", ids[0])).GetProperty("AutoScalingInstances")[0];
        await WaitLifecycleAsync(ids[0], "Standby");
        var entered = (await cli.RunAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web", "--activity-ids", enter.GetProperty("ActivityId").GetString()!)).GetProperty("Activities")[0];
        var exit = OnlyActivity(await cli.RunAsync("autoscaling", "exit-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0]));
        var exiting = (Lifecycle(ids[0]), aws.Inspect(s => s.Groups["web"].DesiredCapacity));
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.All(m => m.Lifecycle == "InService") && s.LoadBalancers["web-lb"].Instances.ContainsKey(ids[0]) && s.TargetGroups[tg].Targets.TryGetValue(ids[0], out var t) && t.State != "draining", TimeSpan.FromSeconds(20), "back in service and registered");
        var group = (await cli.RunAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web")).GetProperty("AutoScalingGroups")[0];

        // Then
        Assert.Equal($"Moving EC2 instance to Standby: {ids[0]}", enter.GetProperty("Description").GetString());
        Assert.EndsWith($"instance {ids[0]} was moved to standby in response to a user request, shrinking the capacity from 2 to 1.", enter.GetProperty("Cause").GetString());
        Assert.Equal(("InProgress", 50), (enter.GetProperty("StatusCode").GetString(), enter.GetProperty("Progress").GetInt32()));
        Assert.Equal(("EnteringStandby", 1, false, "draining"), entering);
        Assert.Equal("EnteringStandby", described.GetProperty("LifecycleState").GetString());
        Assert.Equal("Successful", entered.GetProperty("StatusCode").GetString());
        Assert.Equal($"Moving EC2 instance out of Standby: {ids[0]}", exit.GetProperty("Description").GetString());
        Assert.EndsWith("increasing the capacity from 1 to 2.", exit.GetProperty("Cause").GetString());
        Assert.Equal(("PreInService", 30), (exit.GetProperty("StatusCode").GetString(), exit.GetProperty("Progress").GetInt32()));
        Assert.Equal(("Pending", 2), exiting);
        Assert.Equal(["InService", "InService"], group.GetProperty("Instances").EnumerateArray().Select(i => i.GetProperty("LifecycleState").GetString()));
        Assert.Equal(2, group.GetProperty("DesiredCapacity").GetInt32());
    }

    [Fact]
    public async Task Should_Replace_A_Standby_Instance_Unless_Decremented_And_Never_Check_Replace_Or_Scale_It_In()
    {
        // Given
        var ids = await CreateGroupAsync(1, 2, 3);

        // When
        await cli.RunAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--no-should-decrement-desired-capacity");
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 2 && s.Groups["web"].Members.Count == 3, TimeSpan.FromSeconds(20), "a replacement for the standby instance");
        await api.CallAsync("autoscaling", "SetInstanceHealth", ("InstanceId", ids[0]), ("HealthStatus", "Unhealthy"));
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Count == 2, TimeSpan.FromSeconds(20), "scale-in to one instance in service");
        await aws.TickAsync();
        var afterScaleIn = aws.Inspect(s => s.Groups["web"].Members.Select(m => (m.InstanceId, m.Lifecycle)).OrderBy(m => m.Lifecycle, StringComparer.Ordinal).ToList());
        var terminate = await cli.RunAsync("autoscaling", "terminate-instance-in-auto-scaling-group", "--instance-id", ids[0], "--should-decrement-desired-capacity");
        await aws.WaitUntilAsync(s => s.Instances[ids[0]].State == "terminated" && s.Groups["web"].Members.Count == 1, TimeSpan.FromSeconds(20), "the standby instance terminated");
        await aws.TickAsync();

        // Then
        Assert.Equal(2, afterScaleIn.Count);
        Assert.Equal("InService", afterScaleIn[0].Lifecycle);
        Assert.Equal((ids[0], "Standby"), afterScaleIn[1]);
        Assert.Equal($"Terminating EC2 instance: {ids[0]}", terminate.GetProperty("Activity").GetProperty("Description").GetString());
        Assert.Equal((1, 1), aws.Inspect(s => (s.Groups["web"].DesiredCapacity, s.Groups["web"].Members.Count(m => m.Lifecycle == "InService"))));
    }

    [Fact]
    public async Task Should_Refuse_Standby_Moves_As_Aws_Does()
    {
        // Given
        var ids = await CreateGroupAsync(2, 2, 2);

        // When
        var belowMin = await cli.TryAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--should-decrement-desired-capacity");
        await cli.RunAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--no-should-decrement-desired-capacity");
        var again = await cli.TryAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0], "--no-should-decrement-desired-capacity");
        await aws.TickAsync(); // launches the replacement: Pending until the next tick
        var pending = aws.Inspect(s => s.Groups["web"].Members.Single(m => m.Lifecycle == "Pending").InstanceId);
        var notInService = await cli.TryAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", pending, "--no-should-decrement-desired-capacity");
        var notOnStandby = await cli.TryAsync("autoscaling", "exit-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[1]);
        var aboveMax = await cli.TryAsync("autoscaling", "exit-standby", "--auto-scaling-group-name", "web", "--instance-ids", ids[0]);
        var stranger = await cli.TryAsync("autoscaling", "enter-standby", "--auto-scaling-group-name", "web", "--instance-ids", "i-0000000000000dead", "--no-should-decrement-desired-capacity");

        // Then
        Assert.Contains("(ValidationError)", belowMin.Error);
        Assert.Contains("has min-size=2, max-size=2, and desired-size=2. To place into standby 1 instances", belowMin.Error);
        Assert.Contains($"The instance {ids[0]} is not in InService.", again.Error);
        Assert.Contains($"The instance {pending} is not in InService.", notInService.Error);
        Assert.Contains($"The instance {ids[1]} is not in Standby.", notOnStandby.Error);
        Assert.Contains("max-size=2, and desired-size=2. To move 1 instances out of standby", aboveMax.Error);
        Assert.Contains("The instance i-0000000000000dead is not part of Auto Scaling group web.", stranger.Error);
        Assert.Equal(("Standby", 2), (Lifecycle(ids[0]), aws.Inspect(s => s.Groups["web"].DesiredCapacity)));
    }
}
