namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>deploy_worker_commands in the deploys through the pipeline: the worker is found before anything changes.</summary>
public sealed class DeployWorkerTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2);
        app.Config["deploy_worker_commands"] = "['echo migrating to {{commit}}']";
        await app.WriteConfigAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("DeployFull")]
    [InlineData("DeploySerial")]
    public async Task Should_Refuse_Before_Changing_Anything_When_No_Worker_Runs(string target)
    {
        // Given
        var before = Group();
        var instances = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).ToList());

        // When
        var (exitCode, log) = await app.CakeAsync(target);

        // Then
        output.WriteLine(log);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{target}: deploy_worker: no running server is tagged deployment=demo, environment=local, role=worker.", log);
        Assert.Contains("Nothing was changed.", log);
        Assert.DoesNotContain("deploy_worker had run", log);
        Assert.DoesNotContain("Show the upgrade page", log);
        Assert.Equal(before, Group());
        Assert.Equal("1", app.Inspect(s => s.Groups[AppEnvironment.Group].LaunchTemplate!.Version)); // pinned by CreateLaunchConfig, never pointed at 2
        Assert.All(instances, id => Assert.False(File.Exists(Path.Combine(app.Inspect(s => s.Instances[id].HomeDirectory!), "services", "nginx", "html", "upgrade_message.html"))));
    }

    /// <summary>The group as a deploy could change it: members, sizes, suspended processes, deploy tags.</summary>
    private (string Members, (int, int, int) Sizes, string Suspended, int DeployTags) Group() => app.Inspect(s =>
    {
        var group = s.Groups[AppEnvironment.Group];
        return (
            string.Join(",", group.Members.Select(m => $"{m.InstanceId}:{m.Lifecycle}").Order()),
            (group.MinSize, group.MaxSize, group.DesiredCapacity),
            string.Join(",", group.SuspendedProcesses.Keys.Order()),
            group.Tags.Count(t => t.Key.StartsWith("fabulaws:deploy:", StringComparison.Ordinal)));
    });
}
