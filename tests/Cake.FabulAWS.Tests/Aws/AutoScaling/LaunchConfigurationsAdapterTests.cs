using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class LaunchConfigurationsAdapterTests
{
    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Image_Type_Key_Groups_And_Encoded_User_Data()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchConfiguration", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "CreateLaunchConfiguration"));
            using var aws = Connect(server);
            var launch = new InstanceLaunch("ami-0123", "t3.small") { KeyName = "deploy", SecurityGroupIds = ["sg-1", "sg-2"], UserData = "#!/bin/sh\necho hi\n" };

            // When
            await aws.LaunchConfigurations.CreateAsync("web-lc-8", launch);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "CreateLaunchConfiguration",
                "LaunchConfigurationName=web-lc-8",
                "ImageId=ami-0123",
                "InstanceType=t3.small",
                "KeyName=deploy",
                "SecurityGroups.member.1=sg-1",
                "SecurityGroups.member.2=sg-2",
                "UserData=IyEvYmluL3NoCmVjaG8gaGkK");
        }

        [Fact]
        public async Task Should_Report_That_The_Name_Exists()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchConfiguration", new FakeResponse(400, AwsXml.Error("AlreadyExists", "Launch Configuration by this name already exists - A launch configuration already exists with the name web-lc-8")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.LaunchConfigurations.CreateAsync("web-lc-8", new InstanceLaunch("ami-0123", "t3.small")));

            // Then
            Assert.Equal(("CreateLaunchConfiguration", "AlreadyExists"), (error.Operation, error.ErrorCode));
            Assert.Contains("launch configuration 'web-lc-8' in eu-west-1 (AlreadyExists)", error.Message);
        }
    }

    public class TheFindAsyncMethod
    {
        [Fact]
        public async Task Should_Read_The_Configuration()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", """
                <LaunchConfigurations><member><LaunchConfigurationName>web-lc-8</LaunchConfigurationName><LaunchConfigurationARN>arn:aws:autoscaling:eu-west-1:123456789012:launchConfiguration:9d1:launchConfigurationName/web-lc-8</LaunchConfigurationARN><ImageId>ami-0123</ImageId><KeyName>deploy</KeyName><SecurityGroups><member>sg-1</member></SecurityGroups><ClassicLinkVPCSecurityGroups/><UserData/><InstanceType>t3.small</InstanceType><KernelId/><RamdiskId/><BlockDeviceMappings/><InstanceMonitoring><Enabled>true</Enabled></InstanceMonitoring><CreatedTime>2026-11-20T12:00:00.000Z</CreatedTime><EbsOptimized>false</EbsOptimized></member></LaunchConfigurations>
                """));
            using var aws = Connect(server);

            // When
            var configuration = await aws.LaunchConfigurations.FindAsync("web-lc-8");

            // Then
            AssertAutoScaling(server.Requests.Single(), "DescribeLaunchConfigurations", "LaunchConfigurationNames.member.1=web-lc-8");
            Assert.Equal(new LaunchConfiguration("web-lc-8", "ami-0123", "t3.small", new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)), configuration);
        }

        [Fact]
        public async Task Should_Return_Null_When_It_Does_Not_Exist()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", "<LaunchConfigurations/>"));
            using var aws = Connect(server);

            // When
            var configuration = await aws.LaunchConfigurations.FindAsync("web-lc-0");

            // Then
            Assert.Null(configuration);
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Fact]
        public async Task Should_Send_The_Name()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchConfiguration", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "DeleteLaunchConfiguration"));
            using var aws = Connect(server);

            // When
            await aws.LaunchConfigurations.DeleteAsync("web-lc-7");

            // Then
            AssertAutoScaling(server.Requests.Single(), "DeleteLaunchConfiguration", "LaunchConfigurationName=web-lc-7");
        }

        [Fact]
        public async Task Should_Report_A_Configuration_In_Use()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchConfiguration", new FakeResponse(400, AwsXml.Error("ResourceInUse", "Cannot delete launch configuration web-lc-7 because it is attached to AutoScalingGroup web-prod")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.LaunchConfigurations.DeleteAsync("web-lc-7"));

            // Then
            Assert.Equal(
                "DeleteLaunchConfiguration failed for launch configuration 'web-lc-7' in eu-west-1 (ResourceInUse): Cannot delete launch configuration web-lc-7 because it is attached to AutoScalingGroup web-prod.",
                error.Message);
        }
    }
}
