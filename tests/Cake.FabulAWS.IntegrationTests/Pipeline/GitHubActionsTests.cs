namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>In GitHub Actions: phases as log groups, the outcome in the job summary, failures annotated.</summary>
public sealed class GitHubActionsTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Group_The_Phases_And_Write_The_Summary_Of_A_Deploy()
    {
        // Given
        await app.Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", AppEnvironment.Group), ("LaunchTemplate.LaunchTemplateName", AppEnvironment.Template), ("LaunchTemplate.Version", "1"));
        var release = await app.ReleaseAsync("v2");
        var summary = Path.Combine(app.Root, "step-summary.md");

        // When
        var (exitCode, log) = await app.CakeAsync("DeploySerial", Actions(summary), $"--launch-config={release}");

        // Then
        output.WriteLine(log);
        Assert.True(exitCode == 0, log);
        Assert.Contains("::group::Replace: round 1 of 2 (1 instance(s))", log, StringComparison.Ordinal);
        Assert.Contains("::endgroup::", log, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(summary);
        Assert.StartsWith("### DeploySerial of demo/local: done in ", markdown, StringComparison.Ordinal);
        Assert.Contains("| Replace: round 2 of 2 (1 instance(s)) | ", markdown, StringComparison.Ordinal);
        Assert.Contains("The group runs launch template demo-lt version 2", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Annotate_A_Failure_And_Put_It_In_The_Summary()
    {
        // Given: nothing was deployed by FabulAWS, so Rollback is refused
        var summary = Path.Combine(app.Root, "step-summary.md");

        // When
        var (exitCode, log) = await app.CakeAsync("Rollback", Actions(summary));

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Contains("::error title=Rollback of demo/local failed::Rollback needs the deploy that made launch template demo-lt version $Latest", log, StringComparison.Ordinal);
        Assert.StartsWith("### Rollback of demo/local: failed", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Keep_Plain_Logs_Outside_GitHub_Actions()
    {
        // When
        var (exitCode, log) = await app.CakeAsync("Rollback");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("::error", log, StringComparison.Ordinal);
        Assert.DoesNotContain("::group::", log, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Actions(string summary) => new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
}
