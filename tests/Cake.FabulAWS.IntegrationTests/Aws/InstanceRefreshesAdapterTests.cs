using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IInstanceRefreshes against LocalAws.</summary>
public sealed class InstanceRefreshesAdapterTests
{
    public sealed class TheStartDescribeAndCancelMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Replace_Every_Instance_With_The_Desired_Template_Version()
        {
            // Given
            await CreateGroupAsync("web", 2);
            var old = (await WaitInServiceAsync("web", 2)).Instances.Select(i => i.InstanceId).ToList();
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { LaunchSource = LaunchSource.Template("web", "1") }); // pinned: only the refresh moves it
            var v2 = await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.small" });

            // When
            var id = await Ports.InstanceRefreshes.StartAsync("web", new InstanceRefreshPreferences
            {
                MinHealthyPercentage = 50,
                InstanceWarmupSeconds = 0,
                SkipMatching = false,
                DesiredLaunchTemplate = LaunchSource.Template("web", "2"),
            });
            var done = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.InstanceRefreshes.DescribeAsync("web", [id])).Single(),
                r => r.IsFinished,
                "the instance refresh finished",
                TimeSpan.FromSeconds(30));
            var group = await WaitInServiceAsync("web", 2);

            // Then
            Assert.Equal(("web", "Successful", 100), (done.GroupName, done.Status, done.PercentageComplete));
            Assert.NotNull(done.EndTime);
            Assert.Empty(old.Intersect(group.Instances.Select(i => i.InstanceId)));
            Assert.All(group.Instances, i => Assert.Equal(("2", "t3.small"), (i.LaunchSource?.LaunchTemplateVersion, i.InstanceType)));
            Assert.Equal(v2.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), group.LaunchSource?.LaunchTemplateVersion);
        }

        [Fact]
        public async Task Should_Keep_Instances_Already_On_The_Desired_Version_When_Skipping_Matching()
        {
            // Given
            await CreateGroupAsync("web", 1);
            await WaitInServiceAsync("web", 1);
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { LaunchSource = LaunchSource.Template("web", "1") });
            await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.small" });
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { LaunchSource = LaunchSource.Template("web", "2") });
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 2);
            var matching = (await WaitInServiceAsync("web", 2)).Instances.Single(i => i.LaunchSource?.LaunchTemplateVersion == "2").InstanceId;

            // When
            var id = await Ports.InstanceRefreshes.StartAsync("web", new InstanceRefreshPreferences
            {
                MinHealthyPercentage = 50,
                InstanceWarmupSeconds = 0,
                SkipMatching = true,
                DesiredLaunchTemplate = LaunchSource.Template("web", "$Latest"),
            });
            var done = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.InstanceRefreshes.DescribeAsync("web", [id])).Single(),
                r => r.IsFinished,
                "the instance refresh finished",
                TimeSpan.FromSeconds(30));
            var group = await WaitInServiceAsync("web", 2);

            // Then
            Assert.Equal(("Successful", 1), (done.Status, done.InstancesToUpdate));
            Assert.Contains(matching, group.Instances.Select(i => i.InstanceId));
            Assert.All(group.Instances, i => Assert.Equal("2", i.LaunchSource?.LaunchTemplateVersion));
            Assert.Equal("$Latest", group.LaunchSource?.LaunchTemplateVersion);
        }

        [Fact]
        public async Task Should_Cancel_The_Active_Refresh_And_Find_None_Afterwards()
        {
            // Given
            await CreateGroupAsync("web", 2);
            await WaitInServiceAsync("web", 2);
            await Ports.ScalingProcesses.SuspendProcessesAsync("web", ["Launch"]); // the refresh cannot progress
            var id = await Ports.InstanceRefreshes.StartAsync("web", new InstanceRefreshPreferences { MinHealthyPercentage = 100 });

            // When
            var cancelled = await Ports.InstanceRefreshes.CancelAsync("web");
            var described = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.InstanceRefreshes.DescribeAsync("web", [])).Single(),
                r => r.Status == "Cancelled",
                "the refresh cancelled");
            var nothingActive = await Ports.InstanceRefreshes.CancelAsync("web");

            // Then
            Assert.Equal(id, cancelled);
            Assert.Equal(id, described.InstanceRefreshId);
            Assert.Null(nothingActive);
        }
    }
}
