using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IGroupInstances against LocalAws.</summary>
public sealed class GroupInstancesAdapterTests
{
    public sealed class TheDescribeMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Name_The_Group_Of_Each_Instance_And_Leave_Out_Others()
        {
            // Given
            await CreateGroupAsync("web", 2);
            var ids = (await WaitInServiceAsync("web", 2)).Instances.Select(i => i.InstanceId).ToList();
            var loose = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"));

            // When
            var described = await Ports.GroupInstances.DescribeAsync([.. ids, loose.InstanceId]);
            var none = await Ports.GroupInstances.DescribeAsync([]);

            // Then
            Assert.Equal(ids.Order(), described.Select(d => d.Instance.InstanceId).Order());
            Assert.All(described, d => Assert.Equal(("web", "InService", "Healthy"), (d.GroupName, d.Instance.LifecycleState, d.Instance.HealthStatus)));
            Assert.Empty(none);
        }
    }

    public sealed class TheDescribeMethodWithManyInstances : LocalAwsTest
    {
        [Fact]
        public async Task Should_Ask_In_Chunks_Of_Fifty()
        {
            // Given
            await CreateGroupAsync("web", 55, max: 60);
            var ids = (await WaitInServiceAsync("web", 55)).Instances.Select(i => i.InstanceId).ToList();
            var before = Server.Metrics.Count("DescribeAutoScalingInstances");

            // When
            var described = await Ports.GroupInstances.DescribeAsync(ids);

            // Then
            Assert.Equal(ids.Order(), described.Select(d => d.Instance.InstanceId).Order());
            Assert.Equal(2, Server.Metrics.Count("DescribeAutoScalingInstances") - before);
        }
    }

    public sealed class TheSetHealthMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Get_An_Unhealthy_Instance_Replaced()
        {
            // Given
            await CreateGroupAsync("web", 2);
            var before = (await WaitInServiceAsync("web", 2)).Instances.Select(i => i.InstanceId).ToList();

            // When
            await Ports.GroupInstances.SetHealthAsync(before[0], healthy: false);
            var after = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.AutoScalingGroups.FindGroupAsync("web"))!,
                g => g.Instances.Count == 2 && g.Instances.All(i => i.IsInService) && !g.Instances.Any(i => i.InstanceId == before[0]),
                "the unhealthy instance replaced");
            var old = Assert.Single(await Ports.Instances.DescribeAsync([before[0]]));

            // Then
            Assert.Contains(before[1], after.Instances.Select(i => i.InstanceId));
            Assert.Equal(2, after.DesiredCapacity);
            Assert.Contains(old.State, new[] { "shutting-down", "terminated" });
        }

        [Fact]
        public async Task Should_Ignore_Unhealthy_Within_The_Grace_Period_When_Asked_To_Respect_It()
        {
            // Given: a 600 s grace period (12 s here)
            await Ports.Provisioning.CreateGroupAsync(new GroupCreation("graceful", LaunchSource.Template("web", "$Latest"), 0, 2, 1)
            {
                AvailabilityZones = ["us-east-1a"],
                HealthCheckGracePeriod = 600,
            });
            var id = (await WaitInServiceAsync("graceful", 1)).Instances[0].InstanceId;

            // When
            await Ports.GroupInstances.SetHealthAsync(id, healthy: false, respectGracePeriod: true);
            var (_, instance) = Assert.Single(await Ports.GroupInstances.DescribeAsync([id]));

            // Then
            Assert.Equal(("InService", "Healthy"), (instance.LifecycleState, instance.HealthStatus));
        }
    }

    public sealed class TheTerminateMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Replace_The_Instance_When_Not_Decrementing()
        {
            // Given
            await CreateGroupAsync("web", 1);
            var id = (await WaitInServiceAsync("web", 1)).Instances[0].InstanceId;

            // When
            await Ports.GroupInstances.TerminateAsync(id, decrementDesiredCapacity: false);
            var group = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.AutoScalingGroups.FindGroupAsync("web"))!,
                g => g.Instances.Count == 1 && g.Instances[0].InstanceId != id && g.Instances[0].IsInService,
                "a replacement InService");

            // Then
            Assert.Equal(1, group.DesiredCapacity);
        }

        [Fact]
        public async Task Should_Lower_The_Desired_Capacity_When_Decrementing()
        {
            // Given
            await CreateGroupAsync("web", 2);
            var ids = (await WaitInServiceAsync("web", 2)).Instances.Select(i => i.InstanceId).ToList();

            // When
            await Ports.GroupInstances.TerminateAsync(ids[0], decrementDesiredCapacity: true);
            var group = await WaitInServiceAsync("web", 1);

            // Then
            Assert.Equal(1, group.DesiredCapacity);
            Assert.Equal(ids[1], group.Instances[0].InstanceId);
        }
    }
}
