using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>The deploys' options through the pipeline: reusing a release, the production confirmation, the serial strategies.</summary>
public sealed class DeployOptionsTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string GroupText()
    {
        var (inService, versions, sizes, suspended) = Group();
        return $"in service {string.Join(", ", inService)}; versions {string.Join(", ", versions)}; sizes {sizes}; suspended {string.Join(", ", suspended)}";
    }

    private (List<string> InService, List<string> Versions, (int, int, int) Sizes, List<string> Suspended) Group() => app.Inspect(s =>
    {
        var group = s.Groups[AppEnvironment.Group];
        var inService = group.Members.Where(m => m.Lifecycle == "InService").ToList();
        return (inService.Select(m => m.InstanceId).ToList(), inService.Select(m => m.LaunchTemplate!.Version).Distinct().ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.SuspendedProcesses.Keys.ToList());
    });

    [Fact]
    public async Task Should_Deploy_The_Commit_Of_An_Earlier_Release_Without_Baking()
    {
        // Given: a release of v2, then v3 committed and pushed
        var (made, madeLog) = await app.CakeAsync("CreateLaunchConfig");
        Assert.True(made == 0, madeLog);
        var release = (await File.ReadAllTextAsync(Path.Combine(app.Repository, "artifacts", "launch-config.txt"))).Trim();
        var commitOfRelease = app.Inspect(s => s.Images.Values.Single(i => i.Name.StartsWith("demo_local_web_", StringComparison.Ordinal)).Tags["commit"]);
        await app.CommitAsync("www/index.html", "<h1>demo v3</h1>");

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", $"--launch-config={release}");

        // Then
        output.WriteLine(log);
        Assert.True(exitCode == 0, log);
        Assert.DoesNotContain("== Launch the builder", log);
        Assert.Contains($"DeploySerial done in", log);
        Assert.Contains($"({commitOfRelease})", log);
        Assert.Equal(["2"], Group().Versions);
        using var http = new HttpClient();
        Assert.Contains("demo v2", await http.GetStringAsync(app.Site));
    }

    [Fact]
    public async Task Should_Say_So_And_Change_Nothing_When_Every_Instance_Runs_The_Release_Already()
    {
        // Given: a serial deploy of v2 done
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        var release = await app.ReleaseAsync("v2");
        var (deployed, deployLog) = await app.CakeAsync("DeploySerial", $"--launch-config={release}");
        Assert.True(deployed == 0, deployLog);
        var before = (GroupText(), app.Aws.Metrics.RequestLog.Count);

        // When: the same release again
        var (exitCode, log) = await app.CakeAsync("DeploySerial", $"--launch-config={release}");

        // Then: said, and no call that changes the group or its instances (the lock's tags aside)
        output.WriteLine(log);
        Assert.True(exitCode == 0, log);
        Assert.Contains("0 of 2 instance(s) to replace.", log);
        Assert.Contains($"Every instance already runs launch template {AppEnvironment.Template} version 2: nothing to change.", log);
        Assert.Empty(PlanTests.Changes(app, before.Count));
        Assert.Equal(before.Item1, GroupText());
    }

    [Theory]
    [InlineData("demo-lt:99", "--launch-config 'demo-lt:99': launch template 'demo-lt' has no version 99 in us-east-1. Run CreateLaunchConfig, or check artifacts/launch-config.txt of the run that made it.")]
    [InlineData("demo-lt", "--launch-config 'demo-lt' is not TEMPLATE:VERSION, as CreateLaunchConfig prints it (for example demo-lt:7); launch_type is launch_template.")]
    [InlineData("hand-made", "--launch-config 'demo-lt:2' was not made by CreateLaunchConfig: neither its image ")]
    public async Task Should_Refuse_A_Release_That_Does_Not_Exist_Or_Was_Not_Made_By_CreateLaunchConfig(string name, string error)
    {
        // Given: for "hand-made", a version someone made in the console, without a commit anywhere
        if (name == "hand-made")
        {
            var image = app.Inspect(s => s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions[0].Data.ImageId!);
            var made = await app.Api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", AppEnvironment.Template), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", image));
            name = $"{AppEnvironment.Template}:{made.One("versionNumber")}";
        }

        var before = (GroupText(), app.Aws.Metrics.RequestLog.Count);

        // When
        var (exitCode, log) = await app.CakeAsync("DeployFull", $"--launch-config={name}");

        // Then: refused before the lock or any change
        output.WriteLine(log);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(error, log, StringComparison.Ordinal);
        Assert.Empty(PlanTests.Writes(app, before.Count));
        Assert.Equal(before.Item1, GroupText());
    }

    [Fact]
    public async Task Should_Refuse_A_Production_Deploy_Without_Confirm_Before_Any_Change()
    {
        // Given
        app.Config["production_environments"] = "[local]";
        await app.WriteConfigAsync();
        var before = app.Aws.Metrics.RequestCounts;

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial");
        var wrong = await app.CakeAsync("DeployFull", "--confirm=staging");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Contains("local is a production environment and there is no terminal to confirm DeploySerial at: run again with --confirm=local. Nothing was changed.", log);
        Assert.Contains("--confirm=staging does not name this environment: DeployFull of demo/local needs --confirm=local.", wrong.Output);
        var calls = app.Aws.Metrics.RequestCounts.Where(c => !before.TryGetValue(c.Key, out var n) || n != c.Value).Select(c => c.Key).ToList();
        Assert.Empty(calls);
    }

    [Theory]
    [InlineData("fabulaws")]
    [InlineData("instance-refresh")]
    public async Task Should_Replace_Every_Instance_With_The_Other_Strategies(string strategy)
    {
        // Given
        var old = Group().InService;

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", $"--strategy={strategy}");

        // Then
        output.WriteLine(log);
        Assert.True(exitCode == 0, log);
        var (inService, versions, sizes, suspended) = Group();
        Assert.Equal(["2"], versions);
        Assert.Equal(2, inService.Count);
        Assert.Empty(inService.Intersect(old));
        Assert.Equal((2, 8, 2), sizes);
        Assert.Empty(suspended);
        Assert.Equal("2", app.Inspect(s => s.Groups[AppEnvironment.Group].LaunchTemplate!.Version));
        Assert.Contains(strategy == "fabulaws" ? "marked" : "instance refresh", log);
        if (strategy == "instance-refresh")
        {
            // launch before terminate: one round of 1 new instance beside 2 is 150 % at most; only the old ones replaced
            var refresh = app.Inspect(s => Assert.Single(s.InstanceRefreshes));
            Assert.Equal(("Successful", 100, 150, true, "2"), (refresh.Status, refresh.MinHealthyPercentage, refresh.MaxHealthyPercentage, refresh.SkipMatching, refresh.DesiredTemplate?.Version));
        }
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Strategy_Before_The_Tests_Run()
    {
        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", "--strategy=launchfirst");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--strategy should be launch-first, instance-refresh or fabulaws, not 'launchfirst' (did you mean launch-first?). Nothing was changed.", log);
    }
}
