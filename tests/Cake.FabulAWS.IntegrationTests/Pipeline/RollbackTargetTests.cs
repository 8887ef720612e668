namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>Rollback through the pipeline: back to the version before the last deploy, while a user polls the site.</summary>
public sealed class RollbackTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2);
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Return_The_Site_To_The_Previous_Version_Without_A_Failed_Request()
    {
        // Given: v2 deployed over v1
        var deployed = await app.CakeAsync("DeploySerial", $"--launch-config={await app.ReleaseAsync("v2")}");
        Assert.True(deployed.ExitCode == 0, deployed.Output);
        (int ExitCode, string Output) result;
        IReadOnlyList<SiteAnswer> answers;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await app.CakeAsync("Rollback");
            answers = user.Answers;
        }

        // Then
        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(answers, a => !a.Ok);
        Assert.Contains("back to launch template demo-lt version 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("Rollback does not run deploy_worker", result.Output, StringComparison.Ordinal);
        var seen = string.Concat(answers.Select(a => a.Body.Contains("demo v2", StringComparison.Ordinal) ? 'B' : a.Body.Contains("demo v1", StringComparison.Ordinal) ? 'A' : 'X'));
        Assert.Matches("^B+[AB]*A+$", seen);
        var (members, sizes, suspended, version) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.LaunchTemplate!.Version).ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version);
        });
        Assert.Equal("1", version);
        Assert.Equal(["1", "1"], members);
        Assert.Equal((2, 8, 2), sizes);
        Assert.Empty(suspended);
        var status = await app.CakeAsync("DeployStatus");
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  Rollback      demo-lt:2  demo-lt:1  commit unkno  \S+  succeeded", status.Output);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  DeploySerial  demo-lt:1  demo-lt:2  [0-9a-f]{12}  \S+  succeeded", status.Output);
    }

    [Fact]
    public async Task Should_Refuse_When_No_Deploy_Made_What_The_Group_Launches()
    {
        // Given: the group's version 1 was never deployed by a FabulAWS deploy
        var before = app.Aws.Metrics.RequestCounts;

        // When
        var result = await app.CakeAsync("Rollback");

        // Then
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Rollback needs the deploy that made launch template demo-lt version 1, and the group's history of its last 5 deploys has none. Deploy the release to go back to instead: DeploySerial --launch-config=NAME. Nothing was changed.", result.Output, StringComparison.Ordinal);
        Assert.Equal("1", app.Inspect(s => s.Groups[AppEnvironment.Group].LaunchTemplate!.Version));
        var changes = app.Aws.Metrics.RequestCounts.Where(r => r.Value > before.GetValueOrDefault(r.Key)).Select(r => r.Key.Split(':')[1])
            .Where(a => !a.StartsWith("Describe", StringComparison.Ordinal) && !a.StartsWith("Get", StringComparison.Ordinal)).Distinct().Order().ToList();
        Assert.Equal(["CreateOrUpdateTags", "DeleteTags"], changes); // only the lock, taken and released
    }
}
