namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// DeploySerial failing the ways a real one fails, each rolled back to the old version at the original capacity while
/// a user polls the site: a smoke check the new version does not pass, and launches that fail (whose reason must reach
/// the user, which AWS puts only in the group's scaling activity).
/// </summary>
public sealed class DeploySerialFailureTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;
    private List<string> old = [];

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2);
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Roll_Back_When_A_New_Instance_Fails_The_Smoke_Check()
    {
        // Given: a smoke check only the old version passes
        app.Config["smoke_check"] = "{local: {path: /, status: 200, contains: 'demo v1'}}";
        await app.WriteConfigAsync();
        var release = await app.ReleaseAsync("v2");

        // When
        var (exitCode, log, answers) = await DeployAsync(release);

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"DeploySerial failed at 'Replace: round 1 of 2 \(1 instance\(s\)\)': smoke_check failed for new instance \S+ \(i-\w+\): GET http://\S+/ gave HTTP 200, expected HTTP 200 containing 'demo v1'\.", log);
        Assert.Contains("Rolled back:", log);
        AssertBackOnTheOldVersion(answers);
    }

    [Fact]
    public async Task Should_Fail_Fast_Naming_The_Scaling_Activity_When_Launches_Fail()
    {
        // Given
        var release = await app.ReleaseAsync("v2");
        app.Aws.Faults.FailNextLaunches(1);

        // When
        var (exitCode, log, answers) = await DeployAsync(release);

        // Then: the reason AWS gives only in the scaling activity, not the deadline of instances_in_service
        Assert.NotEqual(0, exitCode);
        Assert.Contains("launching failed: LocalAws fault: launch failed. Launching EC2 instance failed.", log);
        Assert.DoesNotContain("timeouts.instances_in_service", log);
        Assert.Contains("Rolled back:", log);
        AssertBackOnTheOldVersion(answers);
    }

    private async Task<(int ExitCode, string Log, IReadOnlyList<SiteAnswer> Answers)> DeployAsync(string release)
    {
        await using var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50));
        var (exitCode, log) = await app.CakeAsync("DeploySerial", $"--launch-config={release}");
        output.WriteLine(log);
        return (exitCode, log, user.Answers);
    }

    private void AssertBackOnTheOldVersion(IReadOnlyList<SiteAnswer> answers)
    {
        var (inService, sizes, suspended, version) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version);
        });
        Assert.Equal(old, inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Empty(suspended);
        Assert.Equal("1", version);
        Assert.DoesNotContain(answers, a => !a.Ok);
        Assert.True(answers.Count > 0 && answers[^1].Body.Contains("demo v1", StringComparison.Ordinal), "the site serves the old version");
    }
}
