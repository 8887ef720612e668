using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>ILaunchConfigurations against LocalAws.</summary>
public sealed class LaunchConfigurationsAdapterTests
{
    public sealed class TheCreateFindAndDeleteMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Create_A_Configuration_A_Group_Launches_From_And_Delete_It()
        {
            // Given
            await Ports.LaunchConfigurations.CreateAsync(new LaunchConfiguration("web-lc-1", Server.BaseImageId, "t3.small") { UserDataBase64 = Convert.ToBase64String("#!/bin/sh\ntrue"u8.ToArray()) });

            // When
            var found = await Ports.LaunchConfigurations.FindAsync("web-lc-1");
            await Ports.Provisioning.CreateGroupAsync(new GroupCreation("legacy", LaunchSource.Configuration("web-lc-1"), 0, 2, 1) { AvailabilityZones = ["us-east-1a"] });
            var group = await WaitInServiceAsync("legacy", 1);
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("legacy", 0);
            await WaitInServiceAsync("legacy", 0);
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("legacy") { LaunchSource = LaunchSource.Template("web", "$Latest") });
            await Ports.LaunchConfigurations.DeleteAsync("web-lc-1");
            var deleted = await Ports.LaunchConfigurations.FindAsync("web-lc-1");

            // Then
            Assert.Equal(("web-lc-1", Server.BaseImageId, "t3.small"), (found!.Name, found.ImageId, found.InstanceType));
            Assert.NotNull(found.CreatedTime);
            Assert.Equal("web-lc-1", group.LaunchSource?.LaunchConfigurationName);
            Assert.Equal("web-lc-1", group.Instances[0].LaunchSource?.LaunchConfigurationName);
            Assert.Null(deleted);
        }

        [Fact]
        public async Task Should_Find_No_Missing_Configuration()
        {
            // When
            var found = await Ports.LaunchConfigurations.FindAsync("missing");

            // Then
            Assert.Null(found);
        }
    }
}
