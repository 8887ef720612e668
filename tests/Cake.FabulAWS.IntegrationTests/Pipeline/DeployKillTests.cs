using System.Text;
using global::LocalAws.Faults;
using global::LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// A deploy killed with SIGKILL in the middle of each of its phases (the AWS call of that phase took effect, its
/// answer never came back): the next changing run on the environment finds the deploy's record, finishes it or
/// rolls it back as the phase says, and leaves the group consistent.
/// </summary>
public abstract class DeployKillTests(Xunit.Abstractions.ITestOutputHelper output, string target) : IAsyncLifetime
{
    private protected AppEnvironment App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppEnvironment.StartAsync(instances: 2);
        await App.AddWorkerAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private protected Task KillAndRecoverAsync(string action, bool forward, bool showStatus = false) =>
        KillAndRecoverAsync($"called {action}", () => App.Aws.Faults.HoldNext(action, HoldMode.Apply), forward, showStatus);

    /// <summary>Kills the deploy once <paramref name="killPoint"/> completes, then checks the next run's recovery.</summary>
    private protected async Task KillAndRecoverAsync(string what, Func<Task> killPoint, bool forward, bool showStatus = false)
    {
        // Given: a deploy of v2 killed at that point (the group is on version 1, as the CreateLaunchConfig that made
        // the release leaves it), and a process the user had suspended, which every ending must leave suspended
        await App.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        await App.Api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", AppEnvironment.Group), ("ScalingProcesses.member.1", "InstanceRefresh"));
        var release = await App.ReleaseAsync("v2");
        var old = Active();
        var held = killPoint();
        var log = new StringBuilder();
        using (var cake = CakeRun.Start(App.CakeEnvironment(), App.CakeArguments(target, $"--launch-config={release}")))
        {
            var reading = CakeRun.ReadAllAsync(cake, log);
            var exited = cake.WaitForExitAsync();
            var first = await Task.WhenAny(held, exited, Task.Delay(TimeSpan.FromMinutes(3)));
            if (first != held && first != exited)
            {
                ProcessTree.Kill(ProcessTree.Descendants([cake.Id]).Append(cake.Id));
                var activities = App.Inspect(s => string.Join('\n', s.Activities.Select(a => $"{a.Description}: {a.Cause}")));
                Assert.Fail($"{target} neither {what} nor ended within 3 minutes:\n{log}\n{activities}");
            }

            if (first == exited)
            {
                await reading.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Fail($"{target} ended (exit code {cake.ExitCode}) before it {what}:\n{log}");
            }

            foreach (var pid in ProcessTree.Descendants([cake.Id]).Append(cake.Id))
            {
                ProcessTree.Signal(pid, 9);
            }

            await exited.WaitAsync(TimeSpan.FromMinutes(1));
            await reading;
        }

        App.Aws.Faults.Release();
        if (showStatus)
        {
            // DeployStatus shows what the killed run left, and changes nothing
            var (statusExit, status) = await App.CakeAsync("DeployStatus");
            output.WriteLine(status);
            Assert.True(statusExit == 0, status);
            Assert.Matches($@"Interrupted deploy: {target} of [0-9a-f]{{12}} to demo-lt:2, started .* stopped in phase 'replace'; the next changing target finishes or rolls it back\.", status);
            Assert.Matches(@"i-[0-9a-f]+\s+InService\s+Healthy\s+demo-lt:1\s+InService", status);
            Assert.Matches(@"Lock: \S+ \(DeploySerial of [0-9a-f]{12}\) since .*; stale \(its process \d+ on this machine is gone\): the next changing run breaks it", status);
            Assert.Contains("Last deploys: none recorded", status, StringComparison.Ordinal);
        }

        // When: the next changing target on the environment
        var (exitCode, recovery) = await App.CakeAsync("ResumeAutoscaling", "--processes=AZRebalance");

        // Then
        output.WriteLine(log.ToString());
        output.WriteLine(recovery);
        Assert.True(exitCode == 0, recovery);
        Assert.Contains($"Found an interrupted {target} of ", recovery, StringComparison.Ordinal);
        Assert.Contains(forward ? "Finishing the interrupted deploy before ResumeAutoscaling: " : "Rolling the interrupted deploy back before ResumeAutoscaling: ", recovery, StringComparison.Ordinal);
        Assert.Contains(forward ? $"The interrupted {target} is finished" : $"The interrupted {target} is rolled back", recovery, StringComparison.Ordinal);
        var version = forward ? "2" : "1";
        var (members, sizes, suspended, groupVersion, tags) = App.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (
                group.Members.Where(m => m.Lifecycle != "Terminated").Select(m => (m.InstanceId, m.Lifecycle, m.LaunchTemplate?.Version)).ToList(),
                (group.MinSize, group.MaxSize, group.DesiredCapacity),
                group.SuspendedProcesses.Keys.ToList(),
                group.LaunchTemplate!.Version,
                group.Tags.Select(t => t.Key).ToList());
        });
        Assert.Equal(version, groupVersion);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Equal(["InstanceRefresh"], suspended);
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.False(File.Exists(Path.Combine(App.Inspect(s => s.Instances[m.InstanceId].HomeDirectory!), "services", "nginx", "html", "upgrade_message.html")), $"{m.InstanceId} still has the upgrade page"));
        Assert.All(members, m => Assert.Equal(("InService", version), (m.Lifecycle, m.Version)));
        if (!forward)
        {
            Assert.Equal(old, members.Select(m => m.InstanceId).Order().ToList());
        }

        Assert.DoesNotContain(tags, t => t.StartsWith("fabulaws:deploy:", StringComparison.Ordinal) || t.StartsWith("fabulaws:lock:", StringComparison.Ordinal));
        await App.Aws.WaitUntilAsync(s => s.LoadBalancers[AppEnvironment.LoadBalancer].Instances.Count(i => i.Value.State == "InService") == 2, TimeSpan.FromSeconds(30), "both instances in service behind the load balancer");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal($"<h1>demo v{version}</h1>", await http.GetStringAsync(App.Site));
        }
    }

    private List<string> Active() => App.Inspect(s => s.Groups[AppEnvironment.Group].Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order().ToList());
}

public sealed class DeploySerialKillTests(Xunit.Abstractions.ITestOutputHelper output) : DeployKillTests(output, "DeploySerial")
{
    [Theory]
    [InlineData("SuspendProcesses", false)]
    [InlineData("UpdateAutoScalingGroup", false)]
    [InlineData("TerminateInstanceInAutoScalingGroup", true)]
    [InlineData("ResumeProcesses", true)]
    public Task Should_Leave_The_Group_Consistent_After_A_Kill_During(string action, bool forward) => KillAndRecoverAsync(action, forward);

    [Fact]
    public Task Should_Show_The_Interrupted_Deploy_In_DeployStatus_Then_Roll_It_Back() => KillAndRecoverAsync("SetDesiredCapacity", forward: false, showStatus: true);
}

public sealed class DeployFullKillTests(Xunit.Abstractions.ITestOutputHelper output) : DeployKillTests(output, "DeployFull")
{
    [Theory]
    [InlineData("SuspendProcesses", false)]
    [InlineData("ResumeProcesses", false)]
    [InlineData("RegisterInstancesWithLoadBalancer", true)]
    [InlineData("DeregisterInstancesFromLoadBalancer", true)]
    [InlineData("TerminateInstanceInAutoScalingGroup", true)]
    public Task Should_Leave_The_Group_Consistent_After_A_Kill_During(string action, bool forward) => KillAndRecoverAsync(action, forward);

    [Fact]
    public async Task Should_Finish_A_Deploy_Killed_While_Deploy_Worker_Ran_Behind_The_Upgrade_Page()
    {
        // Given: a migration that is still running when the deploy is killed, with every web server on the upgrade page
        var worker = App.Inspect(s => s.Instances.Values.Single(i => i.Tags.GetValueOrDefault("role") == "worker").HomeDirectory!);
        App.Config["deploy_worker_commands"] = "['touch ~/migration-started && sleep 120']";
        await App.WriteConfigAsync();

        // When / Then: the schema may be half migrated, so the next run goes forward and takes the page down
        await KillAndRecoverAsync("started deploy_worker", () => App.Aws.WaitUntilAsync(_ => File.Exists(Path.Combine(worker, "migration-started")), TimeSpan.FromMinutes(3), "deploy_worker started"), forward: true);
    }
}
