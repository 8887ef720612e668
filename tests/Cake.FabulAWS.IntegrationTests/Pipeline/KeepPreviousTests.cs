using System.Diagnostics;
using Cake.FabulAWS.Workflows.Deploy;
using global::LocalAws.Faults;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>keep_previous: DeploySerial keeps the replaced instances in Standby; Rollback only brings them back.</summary>
public sealed class KeepPreviousTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Roll_Back_Instantly_To_The_Instances_Kept_In_Standby()
    {
        // Given: v2 deployed with the v1 instances kept
        var old = await DeployKeepingAsync("1h");
        var launchesBefore = Launches();
        (int ExitCode, string Output) result;
        IReadOnlyList<SiteAnswer> answers;
        var clock = Stopwatch.StartNew();
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await app.CakeAsync("Rollback");
            answers = user.Answers;
        }

        // Then
        output.WriteLine($"Rollback took {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Instant rollback: 2 instance(s) of launch template demo-lt version 1 are in Standby", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(answers, a => !a.Ok);
        Assert.Contains(answers, a => a.Body.Contains("demo v1", StringComparison.Ordinal));
        Assert.Equal(launchesBefore, Launches());
        var (inService, sizes, version, tags) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.LaunchTemplate!.Version, group.Tags.Select(t => t.Key).ToList());
        });
        Assert.Equal(old, inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Equal("1", version);
        Assert.DoesNotContain(tags, t => t.StartsWith(KeptInstances.TagPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Bring_Back_The_Instances_It_Kept_When_A_Later_Round_Fails()
    {
        // Given: a deploy keeping what it replaces whose second round launches an instance that never gets healthy
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        app.Config["keep_previous"] = "{local: 1h}";
        await app.WriteConfigAsync();
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
        var release = await app.ReleaseAsync("v2");
        var firstStandby = app.Aws.Faults.HoldNext("EnterStandby", HoldMode.Apply);
        var deploy = app.CakeAsync("DeploySerial", $"--launch-config={release}");
        await Task.WhenAny(firstStandby, deploy).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(firstStandby.IsCompleted, deploy.IsCompleted ? (await deploy).Output : "neither");
        app.Aws.Faults.NeverHealthyNext(1);

        // When
        app.Aws.Faults.Release();
        var (exitCode, log) = await deploy;

        // Then: the kept instance came back, nothing was launched to get back
        output.WriteLine(log);
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"Rolled back: .*brought back i-[0-9a-f]+ from Standby in place of i-[0-9a-f]+; .*The group serves launch template demo-lt version 1 at its original capacity \(2\)\.", log);
        Assert.DoesNotContain("Roll back: round", log, StringComparison.Ordinal);
        var (inService, sizes, version, tags) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle != "Terminated").Select(m => (m.InstanceId, m.Lifecycle)).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.LaunchTemplate!.Version, group.Tags.Select(t => t.Key).ToList());
        });
        Assert.Equal(old.Select(id => (id, "InService")).ToList(), inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Equal("1", version);
        Assert.DoesNotContain(tags, t => t.StartsWith(KeptInstances.TagPrefix, StringComparison.Ordinal) || t.StartsWith("fabulaws:deploy:", StringComparison.Ordinal));
        await app.Aws.WaitUntilAsync(s => s.LoadBalancers[AppEnvironment.LoadBalancer].Instances.Where(i => i.Value.State == "InService").Select(i => i.Key).Order().SequenceEqual(old), TimeSpan.FromSeconds(30), "the old instances in service behind the load balancer");
    }

    [Fact]
    public async Task Should_Terminate_The_Kept_Instances_On_The_Next_Run_Once_Their_Time_Is_Up()
    {
        // Given
        var old = await DeployKeepingAsync("2s");
        var until = app.Inspect(s => KeptInstances.FromTags(s.Groups[AppEnvironment.Group].Tags.ToDictionary(t => t.Key, t => t.Value)))!.Until;
        await app.Aws.WaitUntilAsync(_ => DateTimeOffset.UtcNow > until, TimeSpan.FromSeconds(30), "keep_previous to be up");

        // When: any changing target
        var result = await app.CakeAsync("SuspendAutoscaling", "--processes=AZRebalance");

        // Then
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"Terminated 2 instance(s) of launch template demo-lt version 1 kept in Standby until ", result.Output, StringComparison.Ordinal);
        Assert.All(old, id => Assert.Contains(app.Inspect(s => s.Instances[id].State), new[] { "shutting-down", "terminated" }));
        Assert.Equal((2, 2), app.Inspect(s => (s.Groups[AppEnvironment.Group].DesiredCapacity, s.Groups[AppEnvironment.Group].Members.Count(m => m.Lifecycle == "InService"))));
    }

    [Fact]
    public async Task Should_Terminate_Them_At_Once_With_Cleanup_Now()
    {
        // Given
        var old = await DeployKeepingAsync("1h");

        // When
        var kept = await app.CakeAsync("Cleanup");
        var now = await app.CakeAsync("Cleanup", "--now");

        // Then
        Assert.True(kept.ExitCode == 0 && now.ExitCode == 0, kept.Output + now.Output);
        Assert.Contains("Kept for an instant Rollback until ", kept.Output, StringComparison.Ordinal);
        Assert.Contains("kept in Standby before their time (--now)", now.Output, StringComparison.Ordinal);
        Assert.All(old, id => Assert.Contains(app.Inspect(s => s.Instances[id].State), new[] { "shutting-down", "terminated" }));
    }

    private async Task<List<string>> DeployKeepingAsync(string keep)
    {
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        app.Config["keep_previous"] = $"{{local: {keep}}}";
        await app.WriteConfigAsync();
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
        var deployed = await app.CakeAsync("DeploySerial", $"--launch-config={await app.ReleaseAsync("v2")}");
        output.WriteLine(deployed.Output);
        Assert.True(deployed.ExitCode == 0, deployed.Output);
        var (standby, desired, balanced) = app.Inspect(s => (
            s.Groups[AppEnvironment.Group].Members.Where(m => m.Lifecycle == "Standby").Select(m => m.InstanceId).Order().ToList(),
            s.Groups[AppEnvironment.Group].DesiredCapacity,
            s.LoadBalancers[AppEnvironment.LoadBalancer].Instances.Keys.Order().ToList()));
        Assert.Equal(old, standby);
        Assert.Equal(2, desired);
        Assert.Empty(balanced.Intersect(old));
        return old;
    }

    private int Launches() => app.Inspect(s => s.Activities.Count(a => a.Description.StartsWith("Launching", StringComparison.Ordinal)));
}
