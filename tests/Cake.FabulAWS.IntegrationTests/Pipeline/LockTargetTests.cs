using Cake.FabulAWS.Workflows.Safety;
using global::LocalAws.Faults;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>One run at a time per environment, through the pipeline against LocalAws.</summary>
public sealed class LockTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Refuse_A_Second_Deploy_While_One_Runs_Naming_Its_Holder()
    {
        // Given: a deploy held in its first round
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        var release = await app.ReleaseAsync("v2");
        var held = app.Aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Apply);
        var first = app.CakeAsync("DeploySerial", $"--launch-config={release}");
        await Task.WhenAny(held, first).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(held.IsCompleted, (first.IsCompleted ? (await first).Output : "neither"));

        // When
        var second = await app.CakeAsync("DeployFull", $"--launch-config={release}");
        app.Aws.Faults.Release();
        var commit = (await app.HeadAsync())[..12];
        var firstResult = await first;

        // Then
        output.WriteLine(second.Output);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Matches($@"DeployFull refused: demo/local is locked by \S+@\S+ \(DeploySerial of {commit}\) since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+ s ago\), expires in 10 min\. Wait for that run to end, or add --break-lock if it is not running any more\. Nothing was changed\.", second.Output);
        Assert.DoesNotContain("DeployFull of demo/local", second.Output, StringComparison.Ordinal);
        Assert.True(firstResult.ExitCode == 0, firstResult.Output);
        Assert.Empty(LockTags());
    }

    [Fact]
    public async Task Should_Keep_Its_Lock_Through_A_Deploy_Longer_Than_The_Lease()
    {
        // Given: a lease of 3 s (renewed every second) and a deploy held in its first round
        app.Config["timeouts"] = "{instance_running: 60, ssh_ready: 60, image_available: 60, instances_in_service: 120, instance_healthy: 120, instance_drained: 60, deploy: 600, poll_interval_ms: 100, lock_settle_ms: 200, lock_lease: 3}";
        await app.WriteConfigAsync();
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        var release = await app.ReleaseAsync("v2");
        var held = app.Aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Apply);
        var first = app.CakeAsync("DeploySerial", $"--launch-config={release}");
        await Task.WhenAny(held, first).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(held.IsCompleted, first.IsCompleted ? (await first).Output : "neither");
        var taken = Assert.IsType<GroupLock>(CurrentLock());

        // When: the deploy is still held after the expiry it took the lock with
        await app.Aws.WaitUntilAsync(s => LockOf(s)?.Expires > taken.Expires + TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60), "a renewal after the lock's first expiry");
        var second = await app.CakeAsync("SuspendAutoscaling", "--processes=AZRebalance");
        app.Aws.Faults.Release();
        var firstResult = await first;

        // Then: the second run found a live lock, not an expired one
        output.WriteLine(second.Output);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Matches(@"SuspendAutoscaling refused: demo/local is locked by \S+@\S+ \(DeploySerial of [0-9a-f]{12}\) since .* expires in [0-3] s\.", second.Output);
        Assert.DoesNotContain("Breaking the lock", second.Output, StringComparison.Ordinal);
        Assert.Empty(app.Inspect(s => s.Groups[AppEnvironment.Group].SuspendedProcesses.Keys.ToList()));
        Assert.True(firstResult.ExitCode == 0, firstResult.Output);
        Assert.Empty(LockTags());
    }

    [Fact]
    public async Task Should_Let_Exactly_One_Of_Two_Runs_Started_At_Once_Go_On()
    {
        // Given: both runs read the group before either writes its lock
        var reads = new[] { app.Aws.Faults.HoldNext("DescribeAutoScalingGroups", HoldMode.Apply), app.Aws.Faults.HoldNext("DescribeAutoScalingGroups", HoldMode.Apply) };
        var runs = new[] { app.CakeAsync("SuspendAutoscaling", "--processes=AZRebalance"), app.CakeAsync("SuspendAutoscaling", "--processes=ScheduledActions") };
        await Task.WhenAll(reads).WaitAsync(TimeSpan.FromMinutes(3));

        // When
        app.Aws.Faults.Release();
        var results = await Task.WhenAll(runs);

        // Then
        foreach (var result in results)
        {
            output.WriteLine(result.Output);
        }

        Assert.Single(results, r => r.ExitCode == 0);
        var refused = Assert.Single(results, r => r.ExitCode != 0);
        Assert.Contains("SuspendAutoscaling refused: another run took the lock of demo/local at the same moment: ", refused.Output, StringComparison.Ordinal);
        Assert.Single(app.Inspect(s => s.Groups[AppEnvironment.Group].SuspendedProcesses.Keys.ToList()));
        Assert.Empty(LockTags());
    }

    [Fact]
    public async Task Should_Break_An_Expired_Lock_With_A_Warning()
    {
        // Given: a lock left by a CI run on another machine that expired an hour ago
        var stale = new GroupLock
        {
            Holder = "https://github.com/acme/demo/actions/runs/42",
            Purpose = "DeploySerial",
            Since = DateTimeOffset.UtcNow.AddHours(-3),
            Expires = DateTimeOffset.UtcNow.AddHours(-1),
            Host = "runner-9",
            ProcessId = 77,
            Token = "stale",
        };
        await SetTagsAsync(TagChunks.Write(GroupLock.TagPrefix, stale));

        // When
        var result = await app.CakeAsync("SuspendAutoscaling", "--processes=AZRebalance");

        // Then
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Breaking the lock of demo/local: https://github.com/acme/demo/actions/runs/42 (DeploySerial) since ", result.Output, StringComparison.Ordinal);
        Assert.Contains("(it expired).", result.Output, StringComparison.Ordinal);
        Assert.Equal(["AZRebalance"], app.Inspect(s => s.Groups[AppEnvironment.Group].SuspendedProcesses.Keys.ToList()));
        Assert.Empty(LockTags());
    }

    [Fact]
    public async Task Should_Freeze_Deploys_With_Lock_Until_Unlock()
    {
        // When
        var locked = await app.CakeAsync("Lock", "--message=release freeze");
        var refused = await app.CakeAsync("SuspendAutoscaling");
        var unlocked = await app.CakeAsync("Unlock");
        var after = await app.CakeAsync("SuspendAutoscaling", "--processes=AZRebalance");

        // Then
        Assert.True(locked.ExitCode == 0, locked.Output);
        Assert.Contains("demo/local is locked: ", locked.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("(Lock) since ", refused.Output, StringComparison.Ordinal);
        Assert.Contains("until someone runs Unlock: \"release freeze\". It was locked by hand: run --target=Unlock when deploys may go on. Nothing was changed.", refused.Output, StringComparison.Ordinal);
        Assert.True(unlocked.ExitCode == 0, unlocked.Output);
        Assert.Contains("demo/local is unlocked (it was locked by ", unlocked.Output, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.Equal(["AZRebalance"], app.Inspect(s => s.Groups[AppEnvironment.Group].SuspendedProcesses.Keys.ToList()));
    }

    private static GroupLock? LockOf(global::LocalAws.Model.CloudState state) => TagChunks.Read<GroupLock>(GroupLock.TagPrefix, state.Groups[AppEnvironment.Group].Tags.ToDictionary(t => t.Key, t => t.Value));

    private GroupLock? CurrentLock() => app.Inspect(LockOf);

    private List<string> LockTags() => app.Inspect(s => s.Groups[AppEnvironment.Group].Tags.Where(t => t.Key.StartsWith(GroupLock.TagPrefix, StringComparison.Ordinal)).Select(t => t.Key).ToList());

    private Task SetTagsAsync(IReadOnlyDictionary<string, string> tags)
    {
        var parameters = tags.SelectMany((t, i) => new[]
        {
            ($"Tags.member.{i + 1}.ResourceId", AppEnvironment.Group), ($"Tags.member.{i + 1}.ResourceType", "auto-scaling-group"),
            ($"Tags.member.{i + 1}.Key", t.Key), ($"Tags.member.{i + 1}.Value", t.Value), ($"Tags.member.{i + 1}.PropagateAtLaunch", "false"),
        }).ToArray();
        return app.Api.CallAsync("autoscaling", "CreateOrUpdateTags", parameters);
    }
}
