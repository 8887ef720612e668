namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>SuspendAutoscaling and ResumeAutoscaling through ./build.sh's pipeline against LocalAws.</summary>
public sealed class AutoscalingTargetsTests : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 1);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private IReadOnlyList<string> Suspended() => app.Inspect(s => s.Groups[AppEnvironment.Group].SuspendedProcesses.Keys.Order(StringComparer.Ordinal).ToList());

    [Fact]
    public async Task Should_Suspend_And_Resume_The_Named_Processes_And_Print_The_State()
    {
        // When
        var (suspendExit, suspendOutput) = await app.CakeAsync("SuspendAutoscaling", "--processes=Launch,terminate");
        var afterSuspend = Suspended();
        var (againExit, _) = await app.CakeAsync("SuspendAutoscaling", "--processes=Launch");
        var (resumeExit, resumeOutput) = await app.CakeAsync("ResumeAutoscaling", "--processes=Launch");

        // Then
        Assert.True(suspendExit == 0, suspendOutput);
        Assert.Equal(0, againExit);
        Assert.True(resumeExit == 0, resumeOutput);
        Assert.Equal(["Launch", "Terminate"], afterSuspend);
        Assert.Equal(["Terminate"], Suspended());
        Assert.Matches(@"suspended processes: Launch \(User suspended at [^)]+\), Terminate \(User suspended at [^)]+\)", suspendOutput);
        Assert.Contains($"Auto Scaling group {AppEnvironment.Group}: min 1, max 8, desired 1; launch template {AppEnvironment.Template} version $Latest", suspendOutput);
        Assert.Matches(@"  1 InService/Healthy: i-\w+", suspendOutput);
        Assert.Matches(@"suspended processes: Terminate \(User suspended", resumeOutput);
    }

    [Fact]
    public async Task Should_Suspend_And_Resume_Every_Process_When_None_Is_Named()
    {
        // When
        var (suspendExit, suspendOutput) = await app.CakeAsync("SuspendAutoscaling");
        var all = Suspended();
        var (resumeExit, resumeOutput) = await app.CakeAsync("ResumeAutoscaling");

        // Then
        Assert.True(suspendExit == 0, suspendOutput);
        Assert.True(resumeExit == 0, resumeOutput);
        Assert.Equal(9, all.Count);
        Assert.Empty(Suspended());
        Assert.Contains("suspended processes: none", resumeOutput);
    }

    [Fact]
    public async Task Should_Refuse_A_Misspelt_Process_Before_Any_Aws_Call()
    {
        // Given
        var before = app.Aws.Metrics.RequestCounts.Values.Sum();

        // When
        var (exitCode, output) = await app.CakeAsync("SuspendAutoscaling", "--processes=Launch,AZRebalanse,Frobnicate");

        // Then
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Not an Auto Scaling process: 'AZRebalanse' (did you mean AZRebalance?), 'Frobnicate'. The processes are Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions; give none for all of them. Nothing was changed.", output);
        Assert.Equal(before, app.Aws.Metrics.RequestCounts.Values.Sum());
        Assert.Empty(Suspended());
    }
}
