using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IAutoScalingGroups against LocalAws.</summary>
public sealed class AutoScalingGroupsAdapterTests
{
    public sealed class TheFindGroupMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Return_Null_For_A_Missing_Group()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            var group = await Ports.AutoScalingGroups.FindGroupAsync("missing");

            // Then
            Assert.Null(group);
        }

        [Fact]
        public async Task Should_Read_What_The_Group_Was_Created_With()
        {
            // Given
            await CreateGroupAsync("web", 1, max: 4, tags: new Dictionary<string, string> { ["environment"] = "staging" });

            // When
            var group = await WaitInServiceAsync("web", 1);

            // Then
            Assert.Equal(("web", 0, 4, 1), (group.Name, group.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal("web", group.LaunchSource?.LaunchTemplateName);
            Assert.Equal("$Latest", group.LaunchSource?.LaunchTemplateVersion);
            Assert.Equal("staging", group.Tags["environment"]);
            Assert.Equal(("EC2", 60), (group.HealthCheckType, group.HealthCheckGracePeriod));
            Assert.Equal(["us-east-1a"], group.AvailabilityZones);
            var instance = Assert.Single(group.Instances);
            Assert.Equal(("Healthy", "us-east-1a", "t3.micro"), (instance.HealthStatus, instance.AvailabilityZone, instance.InstanceType));
            Assert.Equal("web", instance.LaunchSource?.LaunchTemplateName);
        }
    }

    public sealed class TheDescribeGroupsMethod : LocalAwsTest
    {
        private const int Count = 101; // more than one page of 100

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            foreach (var n in Enumerable.Range(1, Count))
            {
                await CreateGroupAsync($"g{n:D3}", 0);
            }
        }

        [Fact]
        public async Task Should_Follow_Every_Page_When_Describing_All_Groups()
        {
            // Given
            var before = Server.Metrics.Count("DescribeAutoScalingGroups");

            // When
            var groups = await Ports.AutoScalingGroups.DescribeGroupsAsync([]);

            // Then
            Assert.Equal(Enumerable.Range(1, Count).Select(n => $"g{n:D3}"), groups.Select(g => g.Name).Order());
            Assert.Equal(2, Server.Metrics.Count("DescribeAutoScalingGroups") - before);
        }

        [Fact]
        public async Task Should_Ask_In_Chunks_And_Leave_Out_Missing_Names()
        {
            // Given
            var names = Enumerable.Range(1, Count).Select(n => $"g{n:D3}").Append("missing").ToList();

            // When
            var groups = await Ports.AutoScalingGroups.DescribeGroupsAsync(names);

            // Then
            Assert.Equal(names.Take(Count), groups.Select(g => g.Name).Order());
        }
    }

    public sealed class TheUpdateGroupMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Change_Sizes_Launch_Source_And_Termination_Policies()
        {
            // Given
            await CreateGroupAsync("web", 0);
            var v2 = await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.small" });

            // When
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web")
            {
                MinSize = 1,
                MaxSize = 3,
                DesiredCapacity = 1,
                LaunchSource = LaunchSource.Template("web", v2.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                TerminationPolicies = ["OldestLaunchTemplate", "OldestInstance"],
            });
            var group = await WaitInServiceAsync("web", 1);

            // Then
            Assert.Equal((1, 3, 1), (group.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal("2", group.LaunchSource?.LaunchTemplateVersion);
            Assert.Equal(["OldestLaunchTemplate", "OldestInstance"], group.TerminationPolicies);
            Assert.Equal(("2", "t3.small"), (group.Instances[0].LaunchSource?.LaunchTemplateVersion, group.Instances[0].InstanceType));
        }

        [Fact]
        public async Task Should_Leave_Unset_Properties_Alone()
        {
            // Given
            await CreateGroupAsync("web", 0, max: 5);
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { TerminationPolicies = ["NewestInstance"] });

            // When
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { MaxSize = 7 });
            var group = await Ports.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Equal((0, 7, 0), (group!.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal(["NewestInstance"], group.TerminationPolicies);
            Assert.Equal("$Latest", group.LaunchSource?.LaunchTemplateVersion);
        }
    }

    public sealed class TheSetDesiredCapacityMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_Launch_Up_To_The_Desired_Capacity()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 2);
            var group = await WaitInServiceAsync("web", 2);

            // Then
            Assert.Equal(2, group.DesiredCapacity);
            Assert.Equal(2, group.Instances.Select(i => i.InstanceId).Distinct().Count());
        }

        [Fact]
        public async Task Should_Refuse_A_Capacity_Above_The_Maximum_Naming_The_Group()
        {
            // Given
            await CreateGroupAsync("web", 0, max: 2);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 3));

            // Then
            Assert.Equal("ValidationError", error.ErrorCode);
            Assert.Contains("'web'", error.Message);
        }
    }

    public sealed class TheSetTagsAndDeleteTagsMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Set_Propagated_Tags_And_Delete_Them()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            await Ports.AutoScalingGroups.SetTagsAsync("web", new Dictionary<string, string> { ["role"] = "web", ["deployment"] = "blue" }, propagateAtLaunch: true);
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 1);
            var launched = await WaitInServiceAsync("web", 1);
            await Ports.AutoScalingGroups.DeleteTagsAsync("web", ["deployment"]);
            var after = await Ports.AutoScalingGroups.FindGroupAsync("web");
            var instance = Assert.Single(await Ports.Instances.DescribeAsync([launched.Instances[0].InstanceId]));

            // Then
            Assert.Equal(("web", "blue"), (launched.Tags["role"], launched.Tags["deployment"]));
            Assert.Equal(new Dictionary<string, string> { ["role"] = "web" }, after!.Tags);
            Assert.Equal(("web", "blue"), (instance.Tags["role"], instance.Tags["deployment"]));
        }
    }

    public sealed class TheDescribeActivitiesMethod : LocalAwsTest
    {
        [Fact]
        public async Task Should_List_Launches_And_Terminations_Newest_First()
        {
            // Given
            await CreateGroupAsync("web", 0);
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 2);
            await WaitInServiceAsync("web", 2);
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 1);
            await WaitInServiceAsync("web", 1);

            // When
            var activities = await LocalAwsAdapters.PollAsync(
                () => Ports.AutoScalingGroups.DescribeActivitiesAsync("web"),
                a => a.Count == 3 && a.All(x => x.StatusCode == "Successful"),
                "3 successful activities");
            var limited = await Ports.AutoScalingGroups.DescribeActivitiesAsync("web", maxRecords: 1);

            // Then
            Assert.StartsWith("Terminating EC2 instance", activities[0].Description);
            Assert.All(activities.Skip(1), a => Assert.StartsWith("Launching a new EC2 instance", a.Description));
            Assert.True(activities[0].StartTime >= activities[1].StartTime);
            Assert.All(activities, a => Assert.NotNull(a.EndTime));
            Assert.Equal(activities[0].ActivityId, Assert.Single(limited).ActivityId);
        }
    }
}
