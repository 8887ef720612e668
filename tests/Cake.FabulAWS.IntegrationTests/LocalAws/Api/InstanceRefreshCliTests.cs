using System.Text.Json;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>
/// awscli (with the newer Auto Scaling model, see <see cref="AutoScalingModel"/>) drives a launch-before-terminate
/// refresh (MaxHealthyPercentage), its rollback, and the preference checks AWS makes. The control loop only runs
/// while a test waits, so a slow awscli call cannot let a refresh move on before the next call.
/// </summary>
public sealed class InstanceRefreshCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { Tick = TimeSpan.Zero });
        cli = new AwsCli(aws.Endpoint, AutoScalingModel.DataPath);
        api = new QueryClient(aws.Endpoint); // set-up; awscli is for the calls under test
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "web"), ("SourceVersion", "1"), ("LaunchTemplateData.InstanceType", "t3.small"));
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    private async Task<string[]> CreateGroupAsync(int desired, string version = "1")
    {
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateName", "web"), ("LaunchTemplate.Version", version),
            ("MinSize", "0"), ("MaxSize", $"{desired}"), ("DesiredCapacity", $"{desired}"), ("AvailabilityZones.member.1", "us-east-1a"));
        await Deployments.WaitInServiceAsync(aws, "web", desired);
        return Deployments.Members(aws, "web").ToArray();
    }

    private Task<JsonElement> StartAsync(string preferences, string version = "2") =>
        cli.RunAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web", "--preferences", preferences, "--desired-configuration", $$$"""{"LaunchTemplate":{"LaunchTemplateName":"web","Version":"{{{version}}}"}}""");

    private async Task<JsonElement> DescribeAsync() => (await cli.RunAsync("autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", "web")).GetProperty("InstanceRefreshes")[0];

    private string Lifecycle(string id) => aws.Inspect(s => s.Groups["web"].Members.Single(m => m.InstanceId == id).Lifecycle);

    private Task WaitStatusAsync(string status) =>
        aws.WaitUntilAsync(s => s.InstanceRefreshes[^1].Status == status, TimeSpan.FromSeconds(30), $"refresh {status}");

    [Fact]
    public async Task Should_Launch_Replacements_First_Up_To_Max_And_Terminate_Old_Ones_Only_When_Replacements_Are_Warm()
    {
        // Given
        var old = await CreateGroupAsync(2);
        var before = aws.Metrics.Timeline.Count;

        // When
        await StartAsync("""{"MinHealthyPercentage":100,"MaxHealthyPercentage":200,"InstanceWarmup":10}""");
        await WaitStatusAsync("Successful");
        var described = await DescribeAsync();

        // Then
        var samples = aws.Metrics.Timeline.Skip(before).Select(s => s.Groups["web"]).ToList();
        Assert.True(samples.Min(s => s.InService) >= 2, "MinHealthyPercentage 100: never fewer than 2 in service");
        Assert.Equal(4, samples.Max(s => s.Total));
        var (replacedAt, warmAt) = aws.Inspect(s => (
            s.Activities.Where(a => a.Description.StartsWith("Terminating", StringComparison.Ordinal) && old.Any(a.Description.Contains)).Min(a => a.Start),
            s.Groups["web"].Members.Max(m => m.InServiceAt!.Value) + aws.Options.Scaled(10)));
        Assert.True(replacedAt >= warmAt, $"an old instance went at {replacedAt:O}, before the replacements were warm at {warmAt:O}");
        Assert.Empty(old.Intersect(Deployments.Members(aws, "web")));
        Assert.Equal("2", aws.Inspect(s => s.Groups["web"].LaunchTemplate!.Version));
        var preferences = described.GetProperty("Preferences");
        Assert.Equal((100, 200, 10, false), (preferences.GetProperty("MinHealthyPercentage").GetInt32(), preferences.GetProperty("MaxHealthyPercentage").GetInt32(), preferences.GetProperty("InstanceWarmup").GetInt32(), preferences.GetProperty("SkipMatching").GetBoolean()));
        Assert.Equal("2", described.GetProperty("DesiredConfiguration").GetProperty("LaunchTemplate").GetProperty("Version").GetString());
        Assert.Equal(("Successful", 100), (described.GetProperty("Status").GetString(), described.GetProperty("PercentageComplete").GetInt32()));
        Assert.False(described.TryGetProperty("RollbackDetails", out _));
    }

    [Fact]
    public async Task Should_Roll_Back_What_The_Refresh_Launched_To_The_Configuration_Saved_Before_It()
    {
        // Given
        var old = await CreateGroupAsync(2);
        var id = (await StartAsync("""{"MinHealthyPercentage":50,"InstanceWarmup":100}""")).GetProperty("InstanceRefreshId").GetString();
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Any(m => m.LaunchTemplate?.Version == "2" && m.Lifecycle == "InService"), TimeSpan.FromSeconds(20), "a first replacement on version 2");

        // When
        var rolledBack = (await cli.RunAsync("autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", "web")).GetProperty("InstanceRefreshId").GetString();
        var rolling = await DescribeAsync();
        await WaitStatusAsync("RollbackSuccessful");
        var done = await DescribeAsync();
        var again = await cli.TryAsync("autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", "web");

        // Then
        Assert.Equal(id, rolledBack);
        Assert.Equal("RollbackInProgress", rolling.GetProperty("Status").GetString());
        var details = done.GetProperty("RollbackDetails");
        Assert.Equal("Rollback started by user request.", details.GetProperty("RollbackReason").GetString());
        Assert.Equal(2, details.GetProperty("InstancesToUpdateOnRollback").GetInt32());
        Assert.True(details.TryGetProperty("RollbackStartTime", out _));
        Assert.Equal("RollbackSuccessful", done.GetProperty("Status").GetString());
        var members = aws.Inspect(s => s.Groups["web"].Members.Select(m => (m.InstanceId, m.LaunchTemplate!.Version, m.Lifecycle)).ToList());
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Equal(("1", "InService"), (m.Version, m.Lifecycle)));
        Assert.Single(old.Intersect(members.Select(m => m.InstanceId)));
        Assert.Equal("1", aws.Inspect(s => s.Groups["web"].LaunchTemplate!.Version));
        Assert.Contains("(ActiveInstanceRefreshNotFound)", again.Error);
    }

    [Fact]
    public async Task Should_Ignore_Wait_For_Or_Terminate_Standby_Instances_As_StandbyInstances_Says()
    {
        // Given
        var ids = await CreateGroupAsync(2);
        await api.CallAsync("autoscaling", "EnterStandby", ("AutoScalingGroupName", "web"), ("InstanceIds.member.1", ids[0]), ("ShouldDecrementDesiredCapacity", "true"));
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Any(m => m.InstanceId == ids[0] && m.Lifecycle == "Standby"), TimeSpan.FromSeconds(20), "on standby");

        // When
        await StartAsync("""{"MinHealthyPercentage":0,"InstanceWarmup":0,"StandbyInstances":"Ignore"}""");
        await WaitStatusAsync("Successful");
        var ignored = Lifecycle(ids[0]);
        await StartAsync("""{"MinHealthyPercentage":0,"InstanceWarmup":0}""", version: "1");
        await aws.WaitUntilAsync(s => s.InstanceRefreshes[^1].PercentageComplete == 100 && s.Groups["web"].Active.All(m => m.LaunchTemplate!.Version == "1" && m.Lifecycle == "InService"), TimeSpan.FromSeconds(20), "every instance in service replaced");
        await aws.TickAsync();
        var waiting = (await DescribeAsync()).GetProperty("Status").GetString();
        await api.CallAsync("autoscaling", "ExitStandby", ("AutoScalingGroupName", "web"), ("InstanceIds.member.1", ids[0]));
        await WaitStatusAsync("Successful");
        var afterWait = aws.Inspect(s => s.Instances[ids[0]].State);
        var next = Deployments.Members(aws, "web")[0];
        await api.CallAsync("autoscaling", "EnterStandby", ("AutoScalingGroupName", "web"), ("InstanceIds.member.1", next), ("ShouldDecrementDesiredCapacity", "true"));
        await StartAsync("""{"MinHealthyPercentage":0,"InstanceWarmup":0,"StandbyInstances":"Terminate"}""");
        await WaitStatusAsync("Successful");

        // Then
        Assert.Equal("Standby", ignored);
        Assert.Equal("InProgress", waiting);
        Assert.Contains(afterWait, new[] { "shutting-down", "terminated" });
        Assert.DoesNotContain(next, Deployments.Members(aws, "web"));
        Assert.Equal("Terminate", (await DescribeAsync()).GetProperty("Preferences").GetProperty("StandbyInstances").GetString());
    }

    [Fact]
    public async Task Should_Refuse_Preferences_And_Rollbacks_As_Aws_Does()
    {
        // Given
        await CreateGroupAsync(1);

        // When
        var maxAlone = await cli.TryAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web", "--preferences", "MaxHealthyPercentage=150");
        var tooFarApart = await cli.TryAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web", "--preferences", "MinHealthyPercentage=20,MaxHealthyPercentage=150");
        var aboveRange = await cli.TryAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web", "--preferences", "MinHealthyPercentage=100,MaxHealthyPercentage=250");
        var (_, belowRange) = await api.TryAsync("autoscaling", "StartInstanceRefresh", ("AutoScalingGroupName", "web"), ("Preferences.MinHealthyPercentage", "90"), ("Preferences.MaxHealthyPercentage", "50"));
        var autoRollback = await cli.TryAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web", "--preferences", "AutoRollback=true");
        var nothingToRollBack = await cli.TryAsync("autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", "web");
        await api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "InstanceRefresh"));
        await cli.RunAsync("autoscaling", "start-instance-refresh", "--auto-scaling-group-name", "web");
        var withoutDesired = await cli.TryAsync("autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", "web");
        await api.CallAsync("autoscaling", "CancelInstanceRefresh", ("AutoScalingGroupName", "web"));
        await api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateName", "web"), ("LaunchTemplate.Version", "$Latest"));
        await StartAsync("""{"MinHealthyPercentage":100,"MaxHealthyPercentage":200}""", version: "1");
        var fromLatest = await cli.TryAsync("autoscaling", "rollback-instance-refresh", "--auto-scaling-group-name", "web");

        // Then
        Assert.Contains("You must specify MinHealthyPercentage when you specify MaxHealthyPercentage", maxAlone.Error);
        Assert.Contains("The difference between MaxHealthyPercentage and MinHealthyPercentage can't be greater than 100", tooFarApart.Error);
        Assert.Contains("Value '250' at 'preferences.maxHealthyPercentage' failed to satisfy constraint: Member must have value less than or equal to 200", aboveRange.Error);
        Assert.Equal("ValidationError", belowRange.One("Code"));
        Assert.Contains("Member must have value greater than or equal to 100", belowRange.One("Message"));
        Assert.Contains("The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty", autoRollback.Error);
        Assert.Contains("(ActiveInstanceRefreshNotFound)", nothingToRollBack.Error);
        Assert.Contains("(IrreversibleInstanceRefresh)", withoutDesired.Error);
        Assert.Contains("(IrreversibleInstanceRefresh)", fromLatest.Error);
        Assert.All(new[] { maxAlone, tooFarApart, aboveRange, autoRollback }, r => Assert.Contains("(ValidationError)", r.Error));
    }
}
