namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// Both deploys of an image whose instances never become healthy (LocalAws's never-healthy image): each rolls back
/// to the old version at the original capacity, processes and sizes as before, no upgrade page, within its deadline.
/// </summary>
public sealed class DeployRollbackTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;
    private string release = string.Empty;
    private IReadOnlyList<string> old = [];

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2);
        var (exitCode, log) = await app.CakeAsync("CreateLaunchConfig");
        Assert.True(exitCode == 0, log);
        release = (await File.ReadAllTextAsync(Path.Combine(app.Repository, "artifacts", "launch-config.txt"))).Trim();
        var image = app.Inspect(s => s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions[^1].Data.ImageId!);
        app.Aws.Faults.NeverHealthyImage(image);
        await app.Api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", AppEnvironment.Group), ("ScalingProcesses.member.1", "AlarmNotification"));
        old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("DeploySerial", null)]
    [InlineData("DeployFull", null)]
    [InlineData("DeploySerial", "instance-refresh")]
    public async Task Should_Roll_Back_To_The_Old_Version_At_The_Original_Capacity(string target, string? strategy)
    {
        // Given: for an instance refresh, a short grace period: once it is over the group replaces the failing new
        // instances, or a load balancer still fails them, and either stops the deploy (AWS would retry for an hour)
        if (strategy == "instance-refresh")
        {
            await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("HealthCheckGracePeriod", "5"));
        }

        (int ExitCode, string Log) result;
        IReadOnlyList<SiteAnswer> answers;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = strategy is null ? await app.CakeAsync(target, $"--launch-config={release}") : await app.CakeAsync(target, $"--launch-config={release}", $"--strategy={strategy}");
            answers = user.Answers;
        }

        // Then
        output.WriteLine(result.Log);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{target} failed at", result.Log);
        Assert.Contains("the new version does not pass the health check", result.Log);
        if (target == "DeployFull")
        {
            // out of the load balancers, its own check fails them as soon as a load balancer would, not at instance_healthy (120 s)
            Assert.Matches(@"answered GET http://\S+/healthcheck\.html gave HTTP 500 for \d+(\.\d)? s, as long as the load balancer takes to call an instance unhealthy \(10 s\)", result.Log);
        }

        Assert.Contains("Rolled back:", result.Log);
        Assert.Matches($@"{target} failed at '[^']+' and was rolled back after [\d.]+ s: the group runs launch template demo-lt version 1\.\s+launched: i-\w+.*\s+terminated: \S+.*\s+phases: .*\(failed\)", result.Log);
        Assert.DoesNotContain("== Launch the builder", result.Log); // no bake: the earlier release
        var (inService, sizes, suspended, version, tags) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity),
                group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version, group.Tags.Where(t => t.Key.StartsWith("fabulaws:deploy:", StringComparison.Ordinal)).ToList());
        });
        Assert.Equal(old, inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Equal(["AlarmNotification"], suspended);
        Assert.Equal("1", version);
        Assert.Empty(tags);
        Assert.All(old, id => Assert.False(File.Exists(Path.Combine(app.Inspect(s => s.Instances[id].HomeDirectory!), "services", "nginx", "html", "upgrade_message.html"))));
        if (target == "DeploySerial")
        {
            Assert.DoesNotContain(answers, a => !a.Ok);
        }

        Assert.True(answers.Count > 0 && answers[^1].Ok && answers[^1].Body.Contains("demo v1", StringComparison.Ordinal), "the site serves the old version again");
    }
}

/// <summary>
/// DeployFull failing after deploy_worker ran and the upgrade page was up (a smoke check the new version fails): the old
/// instances serve the old version again without the page, and the error says the schema may already be migrated.
/// </summary>
public sealed class DeployFullLateFailureTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;
    private string worker = string.Empty;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2);
        worker = await app.AddWorkerAsync();
        app.Config["smoke_check"] = "{local: {path: /, status: 200, contains: 'demo v1'}}";
        await app.WriteConfigAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Roll_Back_After_Deploy_Worker_Saying_The_Schema_May_Be_Migrated()
    {
        // Given
        var release = await app.ReleaseAsync("v2");
        var commit = await app.HeadAsync();
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).Order().ToList());
        (int ExitCode, string Log) result;
        string seen;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await app.CakeAsync("DeployFull", $"--launch-config={release}");
            seen = DeployFullTargetTests.Letters(user.Answers);
        }

        // Then: failed after deploy_worker, rolled back, and said so
        output.WriteLine(result.Log);
        output.WriteLine(seen);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("smoke_check failed for new instance", result.Log);
        Assert.Contains("Rolled back:", result.Log);
        Assert.Contains("deploy_worker had run: the schema may already be migrated", result.Log);
        Assert.Equal(commit, (await File.ReadAllTextAsync(Path.Combine(app.Inspect(s => s.Instances[worker].HomeDirectory!), "migrated"))).Trim());

        // Then: the old instances serve the old version at the original capacity, without the page
        var (inService, sizes, suspended, version, tags) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity),
                group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version, group.Tags.Count(t => t.Key.StartsWith("fabulaws:deploy:", StringComparison.Ordinal)));
        });
        Assert.Equal(old, inService);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Empty(suspended);
        Assert.Equal("1", version);
        Assert.Equal(0, tags);
        Assert.All(old, id => Assert.False(File.Exists(Path.Combine(app.Inspect(s => s.Instances[id].HomeDirectory!), "services", "nginx", "html", "upgrade_message.html"))));
        Assert.Contains('P', seen);
        Assert.True(seen.EndsWith('A'), $"the user ends on the old version: {seen}");
    }
}
