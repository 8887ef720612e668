namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IScalingProcesses against LocalAws: suspensions are visible and honoured.</summary>
public sealed class ScalingProcessesAdapterTests
{
    public sealed class TheSuspendAndResumeProcessesMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Hold_Launches_While_Launch_Is_Suspended_And_Launch_After_Resume()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            await Ports.ScalingProcesses.SuspendProcessesAsync("web", ["Launch", "AZRebalance"]);
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 1);
            var suspended = await Ports.AutoScalingGroups.FindGroupAsync("web");
            await Server.WaitForTicksAsync(10); // ten control loop ticks with Launch suspended
            var whileSuspended = await Ports.AutoScalingGroups.FindGroupAsync("web");
            await Ports.ScalingProcesses.ResumeProcessesAsync("web", ["Launch"]);
            var resumed = await WaitInServiceAsync("web", 1);

            // Then
            Assert.Equal(["AZRebalance", "Launch"], suspended!.SuspendedProcesses.Order());
            Assert.Empty(whileSuspended!.Instances);
            Assert.Equal(["AZRebalance"], resumed.SuspendedProcesses);
        }

        [Fact]
        public async Task Should_Suspend_And_Resume_Every_Process_When_None_Is_Named()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            await Ports.ScalingProcesses.SuspendProcessesAsync("web", []);
            var all = await Ports.AutoScalingGroups.FindGroupAsync("web");
            await Ports.ScalingProcesses.ResumeProcessesAsync("web", []);
            var none = await Ports.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Superset(new HashSet<string> { "Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy", "AddToLoadBalancer", "AZRebalance" }, all!.SuspendedProcesses.ToHashSet());
            Assert.Empty(none!.SuspendedProcesses);
        }

        [Fact]
        public async Task Should_Keep_An_Unhealthy_Instance_While_ReplaceUnhealthy_Is_Suspended()
        {
            // Given
            await CreateGroupAsync("web", 1);
            var id = (await WaitInServiceAsync("web", 1)).Instances[0].InstanceId;
            await Ports.ScalingProcesses.SuspendProcessesAsync("web", ["ReplaceUnhealthy"]);

            // When
            await Ports.GroupInstances.SetHealthAsync(id, healthy: false);
            await Server.WaitForTicksAsync(10);
            var (_, held) = Assert.Single(await Ports.GroupInstances.DescribeAsync([id]));
            await Ports.ScalingProcesses.ResumeProcessesAsync("web", ["ReplaceUnhealthy"]);
            var replaced = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.AutoScalingGroups.FindGroupAsync("web"))!,
                g => g.Instances.Count == 1 && g.Instances[0].InstanceId != id && g.Instances[0].IsInService,
                "the unhealthy instance replaced");

            // Then
            Assert.Equal(("InService", "Unhealthy"), (held.LifecycleState, held.HealthStatus));
            Assert.NotEqual(id, replaced.Instances[0].InstanceId);
        }
    }
}
