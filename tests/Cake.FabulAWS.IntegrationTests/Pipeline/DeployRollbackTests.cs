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

        // DeployFull's new instances are out of the load balancers: only its own check of them, with this deadline, fails them
        app.Config["timeouts"] = app.Config["timeouts"].Replace("instance_healthy: 120", "instance_healthy: 8", StringComparison.Ordinal);
        await app.WriteConfigAsync();
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
    [InlineData("DeploySerial")]
    [InlineData("DeployFull")]
    public async Task Should_Roll_Back_To_The_Old_Version_At_The_Original_Capacity(string target)
    {
        // Given
        (int ExitCode, string Log) result;
        IReadOnlyList<SiteAnswer> answers;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await app.CakeAsync(target, $"--launch-config={release}");
            answers = user.Answers;
        }

        // Then
        output.WriteLine(result.Log);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{target} failed at", result.Log);
        Assert.Contains(target == "DeploySerial" ? "the new version does not pass the health check" : "/healthcheck.html gave HTTP 500", result.Log);
        Assert.Contains("Rolled back:", result.Log);
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
