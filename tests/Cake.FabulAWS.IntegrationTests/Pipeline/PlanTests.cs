using System.Text.RegularExpressions;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>--plan through the pipeline: what a run would do, its preflight, and no change at all.</summary>
public sealed partial class PlanTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Plan_The_Bake_And_The_Deploy_Making_Only_Describe_And_Get_Calls()
    {
        // Given: the group follows $Latest, as AppEnvironment seeds it
        var before = app.Aws.Metrics.RequestLog.Count;
        var group = State();

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", "--plan");

        // Then
        output.WriteLine(log);
        Assert.True(exitCode == 0, log);
        Assert.Contains("Plan of CreateLaunchConfig on demo/local (--plan: nothing is changed; only Describe and Get calls were made):", log, StringComparison.Ordinal);
        Assert.Contains("Plan of DeploySerial on demo/local", log, StringComparison.Ordinal);
        Assert.Matches(@"\d+\. ec2 RunInstances builder from ami-", log);
        Assert.Matches(@"\d+\. ec2 CreateLaunchTemplateVersion demo-lt:2: version 1 with the new image only", log);
        Assert.Matches(@"\d+\. autoscaling SetDesiredCapacity demo-asg 2 -> 3 \(round 1 of 2", log);
        Assert.Matches(@"\d+\. autoscaling TerminateInstanceInAutoScalingGroup i-[0-9a-f]+ ShouldDecrementDesiredCapacity", log);
        Assert.Contains("follows $Latest: the deploy first pins it to version 1", log, StringComparison.Ordinal);
        Assert.Contains("Estimate: about ", log, StringComparison.Ordinal);
        Assert.Empty(Changes(before));
        Assert.Equal(group, State());
        Assert.False(File.Exists(Path.Combine(app.Repository, "artifacts", "launch-config.txt")));
    }

    [Theory]
    [InlineData("DeploySerial")]
    [InlineData("DeployFull")]
    public async Task Should_List_The_Changes_The_Deploy_Then_Makes_In_Their_Order(string target)
    {
        // Given
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        var release = await app.ReleaseAsync("v2");
        var (planExit, plan) = await app.CakeAsync(target, $"--launch-config={release}", "--plan");
        Assert.True(planExit == 0, plan);
        var planned = PlannedActions(plan);
        var before = app.Aws.Metrics.RequestLog.Count;

        // When
        var (exitCode, log) = await app.CakeAsync(target, $"--launch-config={release}");

        // Then
        output.WriteLine(plan);
        Assert.True(exitCode == 0, log);
        Assert.Equal(planned, Changes(before));
    }

    [Fact]
    public async Task Should_Fail_The_Preflight_When_The_Health_Check_Cannot_Pass_Within_The_Deadline()
    {
        // Given: healthy after 2 checks 5 s apart, but instance_healthy allows 5 s
        app.Config["timeouts"] = "{instance_running: 60, ssh_ready: 60, image_available: 60, instances_in_service: 120, instance_healthy: 5, instance_drained: 60, deploy: 600, poll_interval_ms: 100, lock_settle_ms: 200}";
        await app.WriteConfigAsync();
        var release = await app.ReleaseAsync("v2");
        var before = app.Aws.Metrics.RequestLog.Count;

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", $"--launch-config={release}", "--plan");

        // Then
        output.WriteLine(log);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("PROBLEM  demo-lb: health check every 5 s, healthy after 2 (10 s), which is not less than timeouts.instance_healthy (5 s)", log, StringComparison.Ordinal);
        Assert.Contains("The plan of DeploySerial on demo/local found 1 problem(s) (see Preflight above): the run would fail. Nothing was changed.", log, StringComparison.Ordinal);
        Assert.Empty(Changes(before));
    }

    [Fact]
    public async Task Should_Say_A_Locked_Environment_Would_Refuse_The_Run()
    {
        // Given
        var locked = await app.CakeAsync("Lock", "--message=freeze");
        Assert.True(locked.ExitCode == 0, locked.Output);
        var before = app.Aws.Metrics.RequestLog.Count;

        // When
        var (exitCode, log) = await app.CakeAsync("SuspendAutoscaling", "--plan");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"PROBLEM  SuspendAutoscaling would be refused: locked by \S+ \(Lock\) since .*: ""freeze""", log);
        Assert.Empty(Changes(before));
    }

    /// <summary>The changing calls since <paramref name="from"/>, without the tags the run keeps (lock, record, history).</summary>
    internal static List<string> Changes(AppEnvironment app, int from) =>
    [
        .. app.Aws.Metrics.RequestLog.Skip(from).Select(r => r.Split(':')[1])
            .Where(a => !a.StartsWith("Describe", StringComparison.Ordinal) && !a.StartsWith("Get", StringComparison.Ordinal) && a is not "CreateOrUpdateTags" and not "DeleteTags"),
    ];

    internal static List<string> PlannedActions(string plan) =>
        [.. PlanStep().Matches(plan).Select(m => m.Groups["action"].Value)];

    private List<string> Changes(int from) => Changes(app, from);

    private (int, int, int, string, int) State() => app.Inspect(s =>
    {
        var group = s.Groups[AppEnvironment.Group];
        return (group.MinSize, group.MaxSize, group.DesiredCapacity, group.LaunchTemplate!.Version, group.SuspendedProcesses.Count);
    });

    [GeneratedRegex(@"^\s*\d+\. (?:autoscaling|ec2|elasticloadbalancing) (?<action>\w+) ", RegexOptions.Multiline)]
    private static partial Regex PlanStep();
}
