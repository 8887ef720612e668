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
        Assert.Empty(Writes(before));
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
        Assert.Empty(Writes(before));
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
        Assert.Empty(Writes(before));
    }

    [Theory]
    [InlineData("CreateLaunchConfig")]
    [InlineData("DeployFull")]
    [InlineData("DeploySerial")]
    [InlineData("Rollback")]
    [InlineData("Cleanup")]
    [InlineData("UpdateServerPasswords")]
    [InlineData("SuspendAutoscaling")]
    [InlineData("ResumeAutoscaling")]
    [InlineData("Lock")]
    [InlineData("Unlock")]
    public async Task Should_Make_Only_Describe_And_Get_Calls_When_Planning(string target)
    {
        // Given: a secrets file, and a lock by hand so that Unlock has something to plan
        await SecretsAsync();
        if (target == "Unlock")
        {
            Assert.Equal(0, (await app.CakeAsync("Lock", "--message=freeze")).ExitCode);
        }

        var before = app.Aws.Metrics.RequestLog.Count;
        var (group, tags) = (State(), Tags());

        // When
        var (_, log) = await app.CakeAsync(target, "--plan");

        // Then: a plan, and not one call that writes, tags included
        output.WriteLine(log);
        Assert.Contains($"Plan of {target} on demo/local (--plan: nothing is changed; only Describe and Get calls were made):", log, StringComparison.Ordinal);
        Assert.Empty(Writes(before));
        Assert.Equal(group, State());
        Assert.Equal(tags, Tags());
    }

    [Fact]
    public async Task Should_Plan_Lock_And_Unlock_With_The_Tags_They_Write_And_Remove()
    {
        // When: a plan of Lock on a free group
        var (lockExit, lockPlan) = await app.CakeAsync("Lock", "--message=release freeze", "--plan");

        // Then
        Assert.True(lockExit == 0, lockPlan);
        Assert.Contains("ok       demo/local is not locked", lockPlan, StringComparison.Ordinal);
        Assert.Matches(@"1\. autoscaling CreateOrUpdateTags demo-asg: fabulaws:lock\S* = the lock \S+ \(Lock\) since .*""release freeze"".*refused until --target=Unlock", lockPlan);
        Assert.DoesNotMatch(@"\d+\. .*DeleteTags", lockPlan);

        // When: planned again once locked, and Unlock planned
        Assert.Equal(0, (await app.CakeAsync("Lock", "--message=release freeze")).ExitCode);
        var (againExit, again) = await app.CakeAsync("Lock", "--plan");
        var (unlockExit, unlockPlan) = await app.CakeAsync("Unlock", "--plan");

        // Then: Lock would be refused; Unlock removes that lock; the lock is still there
        Assert.NotEqual(0, againExit);
        Assert.Matches(@"PROBLEM  Lock would be refused: demo/local is locked by \S+ \(Lock\)", again);
        Assert.True(unlockExit == 0, unlockPlan);
        Assert.Matches(@"ok       demo/local is locked by \S+ \(Lock\) since .*""release freeze""", unlockPlan);
        Assert.Matches(@"1\. autoscaling DeleteTags demo-asg: the fabulaws:lock\S* tags of that lock", unlockPlan);
        Assert.Contains(Tags().Keys, k => k.StartsWith("fabulaws:lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Plan_UpdateServerPasswords_Per_Server_With_The_Secrets_Redacted()
    {
        // Given
        await SecretsAsync();
        var instances = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).ToList());

        // When
        var (exitCode, plan) = await app.CakeAsync("UpdateServerPasswords", "--plan");

        // Then: one upload per server of the group, names only
        output.WriteLine(plan);
        Assert.True(exitCode == 0, plan);
        Assert.Matches(@"ok       \S+fabsecrets_local\.yml holds demo_secret_key", plan);
        foreach (var id in instances)
        {
            Assert.Matches($@"\d+\. ssh {id} \(\S+\) upload the secrets demo_secret_key \(\[REDACTED\]\) into ~/secrets/", plan);
        }

        Assert.Empty(PlannedActions(plan));
        Assert.Equal(instances.Count, Regex.Count(plan, @"^\s*\d+\. ssh ", RegexOptions.Multiline));
        Assert.DoesNotContain("s3cr3t-of-local", plan, StringComparison.Ordinal);
        foreach (var id in instances)
        {
            Assert.False(File.Exists(Path.Combine(app.Inspect(s => s.Instances[id].HomeDirectory!), "secrets", "demo_secret_key")));
        }
    }

    [Fact]
    public async Task Should_Fail_A_Plan_Of_UpdateServerPasswords_Whose_Secrets_File_Lacks_A_Name()
    {
        // Given: password_names asks for a secret the file does not hold
        app.Config["password_names"] = "[demo_secret_key, missing_key]";
        await SecretsAsync();

        // When
        var (exitCode, plan) = await app.CakeAsync("UpdateServerPasswords", "--plan");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"PROBLEM  \S+fabsecrets_local\.yml lacks 1 secret\(s\) named in password_names: missing_key", plan);
    }

    /// <summary>The changing calls since <paramref name="from"/>, without the tags the run keeps (lock, record, history).</summary>
    internal static List<string> Changes(AppEnvironment app, int from) =>
    [
        .. app.Aws.Metrics.RequestLog.Skip(from).Select(r => r.Split(':')[1])
            .Where(a => !a.StartsWith("Describe", StringComparison.Ordinal) && !a.StartsWith("Get", StringComparison.Ordinal) && a is not "CreateOrUpdateTags" and not "DeleteTags"),
    ];

    internal static List<string> PlannedActions(string plan) =>
        [.. PlanStep().Matches(plan).Select(m => m.Groups["action"].Value)];

    /// <summary>Every call since <paramref name="from"/> that is not a Describe or a Get: none may come from a plan.</summary>
    internal static List<string> Writes(AppEnvironment app, int from) =>
        [.. app.Aws.Metrics.RequestLog.Skip(from).Select(r => r.Split(':')[1]).Where(a => !a.StartsWith("Describe", StringComparison.Ordinal) && !a.StartsWith("Get", StringComparison.Ordinal))];

    private List<string> Changes(int from) => Changes(app, from);

    private List<string> Writes(int from) => Writes(app, from);

    private Dictionary<string, string> Tags() => app.Inspect(s => s.Groups[AppEnvironment.Group].Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    private async Task SecretsAsync()
    {
        app.Config.TryAdd("password_names", "[demo_secret_key]");
        await app.WriteConfigAsync();
        var secrets = Path.Combine(app.Repository, "fabsecrets_local.yml");
        await File.WriteAllTextAsync(secrets, "demo_secret_key: s3cr3t-of-local\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private (int, int, int, string, int) State() => app.Inspect(s =>
    {
        var group = s.Groups[AppEnvironment.Group];
        return (group.MinSize, group.MaxSize, group.DesiredCapacity, group.LaunchTemplate!.Version, group.SuspendedProcesses.Count);
    });

    [GeneratedRegex(@"^\s*\d+\. (?:autoscaling|ec2|elasticloadbalancing) (?<action>\w+) ", RegexOptions.Multiline)]
    private static partial Regex PlanStep();
}
