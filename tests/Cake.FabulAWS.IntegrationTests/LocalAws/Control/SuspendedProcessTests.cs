using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>Suspended processes are honoured by the control loop, and resuming them lets it catch up.</summary>
public sealed class SuspendedProcessTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 2, healthCheckType: "EC2");
        await Deployments.WaitInServiceAsync(aws, "web", 2);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    private Task Suspend(params string[] processes) =>
        api.CallAsync("autoscaling", "SuspendProcesses", [("AutoScalingGroupName", "web"), .. processes.Select((p, i) => ($"ScalingProcesses.member.{i + 1}", p))]);

    private Task Resume(params string[] processes) =>
        api.CallAsync("autoscaling", "ResumeProcesses", [("AutoScalingGroupName", "web"), .. processes.Select((p, i) => ($"ScalingProcesses.member.{i + 1}", p))]);

    private async Task TicksAsync(int count = 5)
    {
        for (var i = 0; i < count; i++)
        {
            await aws.TickAsync();
        }
    }

    [Fact]
    public async Task Should_Not_Launch_While_Launch_Is_Suspended()
    {
        // Given
        await Suspend("Launch");

        // When
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "3"));
        await TicksAsync();
        var whileSuspended = aws.Inspect(s => s.Groups["web"].Members.Count);
        await Resume("Launch");
        await Deployments.WaitInServiceAsync(aws, "web", 3);

        // Then
        Assert.Equal(2, whileSuspended);
    }

    [Fact]
    public async Task Should_Not_Terminate_While_Terminate_Is_Suspended()
    {
        // Given
        await Suspend("Terminate");

        // When
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        await TicksAsync();
        var whileSuspended = aws.Inspect(s => s.Groups["web"].Members.Count(m => m.Lifecycle == "InService"));
        await Resume("Terminate");
        await Deployments.WaitInServiceAsync(aws, "web", 1);

        // Then
        Assert.Equal(2, whileSuspended);
    }

    [Fact]
    public async Task Should_Keep_An_Unhealthy_Instance_While_ReplaceUnhealthy_Is_Suspended()
    {
        // Given
        await Suspend("ReplaceUnhealthy");
        var sick = Deployments.Members(aws, "web")[0];

        // When
        await api.CallAsync("autoscaling", "SetInstanceHealth", ("InstanceId", sick), ("HealthStatus", "Unhealthy"));
        await TicksAsync();
        var whileSuspended = aws.Inspect(s => s.Groups["web"].Members.Where(m => m.InstanceId == sick).Select(m => (m.Lifecycle, m.Health)).Single());
        await Resume("ReplaceUnhealthy");
        await aws.WaitUntilAsync(s => !s.Groups["web"].Members.Any(m => m.InstanceId == sick) && s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 2, TimeSpan.FromSeconds(20), "replacement");

        // Then
        Assert.Equal(("InService", "Unhealthy"), whileSuspended);
        Assert.Equal("terminated", aws.Inspect(s => s.Instances[sick].State));
    }

    [Fact]
    public async Task Should_Not_Notice_A_Terminated_Instance_While_HealthCheck_Is_Suspended()
    {
        // Given
        await Suspend("HealthCheck");
        var gone = Deployments.Members(aws, "web")[0];

        // When
        await api.CallAsync("ec2", "TerminateInstances", ("InstanceId.1", gone));
        await TicksAsync();
        var whileSuspended = aws.Inspect(s => s.Groups["web"].Members.Single(m => m.InstanceId == gone).Health);
        await Resume("HealthCheck");
        await aws.WaitUntilAsync(s => !s.Groups["web"].Members.Any(m => m.InstanceId == gone) && s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 2, TimeSpan.FromSeconds(20), "replacement");

        // Then
        Assert.Equal("Healthy", whileSuspended);
    }
}
