using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;
using static Cake.FabulAWS.Tests.Aws.Ec2.Ec2Samples;

namespace Cake.FabulAWS.Tests.Aws.Ec2;

/// <summary>The EC2 calls CreateLaunchConfig's cleanup and the builder launch make, on the wire.</summary>
public class ReleaseOperationsTests
{
    public class TheListVersionsAsyncMethod
    {
        [Fact]
        public async Task Should_Follow_Every_Page_And_Order_By_Version()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchTemplateVersions", AwsXml.Ec2("DescribeLaunchTemplateVersions", $"<launchTemplateVersionSet>{TemplateVersion(9, false)}</launchTemplateVersionSet><nextToken>page2</nextToken>"));
            server.On("DescribeLaunchTemplateVersions", AwsXml.Ec2("DescribeLaunchTemplateVersions", $"<launchTemplateVersionSet>{TemplateVersion(7, true)}</launchTemplateVersionSet>"));
            using var aws = Connect(server);

            // When
            var versions = await aws.LaunchTemplates.ListVersionsAsync("web");

            // Then
            Assert.Equal([7L, 9L], versions.Select(v => v.Version));
            AssertForm(server.Requests[0], "DescribeLaunchTemplateVersions", Ec2Version, "LaunchTemplateName=web", "MaxResults=200");
            AssertForm(server.Requests[1], "DescribeLaunchTemplateVersions", Ec2Version, "LaunchTemplateName=web", "MaxResults=200", "NextToken=page2");
        }
    }

    public class TheDeleteVersionsAsyncMethod
    {
        [Fact]
        public async Task Should_Delete_The_Versions()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchTemplateVersions", AwsXml.Ec2("DeleteLaunchTemplateVersions", "<successfullyDeletedLaunchTemplateVersionSet><item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><versionNumber>2</versionNumber></item><item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><versionNumber>3</versionNumber></item></successfullyDeletedLaunchTemplateVersionSet><unsuccessfullyDeletedLaunchTemplateVersionSet/>"));
            using var aws = Connect(server);

            // When
            await aws.LaunchTemplates.DeleteVersionsAsync("web", [2, 3]);

            // Then
            AssertForm(server.Requests.Single(), "DeleteLaunchTemplateVersions", Ec2Version, "LaunchTemplateName=web", "LaunchTemplateVersion.1=2", "LaunchTemplateVersion.2=3");
        }

        [Fact]
        public async Task Should_Fail_Naming_Each_Version_Aws_Kept_And_Why()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchTemplateVersions", AwsXml.Ec2("DeleteLaunchTemplateVersions", "<successfullyDeletedLaunchTemplateVersionSet/><unsuccessfullyDeletedLaunchTemplateVersionSet><item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><versionNumber>1</versionNumber><responseError><code>launchTemplateVersionIsDefault</code><message>The default version of a launch template cannot be deleted.</message></responseError></item></unsuccessfullyDeletedLaunchTemplateVersionSet>"));
            using var aws = Connect(server);

            // When
            var error = await Record.ExceptionAsync(() => aws.LaunchTemplates.DeleteVersionsAsync("web", [1]));

            // Then
            Assert.Equal("DeleteLaunchTemplateVersions kept version 1 of 'web' (launchTemplateVersionIsDefault: The default version of a launch template cannot be deleted.).", error?.Message);
        }
    }

    public class TheSnapshotsOfAnImage
    {
        [Fact]
        public async Task Should_Be_Read_From_Its_Block_Devices_And_Deleted_One_By_One()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            var image = Image("ami-0bake").Replace("<rootDeviceType>ebs</rootDeviceType>", "<rootDeviceType>ebs</rootDeviceType><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-0aa</snapshotId><volumeSize>8</volumeSize></ebs></item><item><deviceName>/dev/sdf</deviceName><ebs><snapshotId>snap-0bb</snapshotId></ebs></item><item><deviceName>/dev/sdb</deviceName><virtualName>ephemeral0</virtualName></item></blockDeviceMapping>", StringComparison.Ordinal);
            server.On("DescribeImages", AwsXml.Ec2("DescribeImages", $"<imagesSet>{image}</imagesSet>"));
            server.On("DeleteSnapshot", AwsXml.Ec2("DeleteSnapshot", "<return>true</return>"));
            server.On("DeleteSnapshot", AwsXml.Ec2("DeleteSnapshot", "<return>true</return>"));
            using var aws = Connect(server);

            // When
            var found = await aws.Images.FindAsync("ami-0bake");
            await aws.Images.DeleteSnapshotsAsync(found!.SnapshotIds);

            // Then
            Assert.Equal(["snap-0aa", "snap-0bb"], found.SnapshotIds);
            AssertForm(server.Requests[1], "DeleteSnapshot", Ec2Version, "SnapshotId=snap-0aa");
            AssertForm(server.Requests[2], "DeleteSnapshot", Ec2Version, "SnapshotId=snap-0bb");
        }
    }

    public class TheLaunchAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Group_Ids_As_Ids_And_Names_As_Names()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RunInstances", AwsXml.Ec2("RunInstances", $"<reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>{Instance("i-0builder", "pending")}</instancesSet>"));
            using var aws = Connect(server);

            // When
            await aws.Instances.LaunchAsync(new InstanceLaunch("ami-0base", "t3.small") { SecurityGroupIds = ["sg-0web", "myproject-web-sg"] });

            // Then
            var parameters = server.Requests.Single().Parameters;
            Assert.Contains("SecurityGroupId.1=sg-0web", parameters);
            Assert.Contains("SecurityGroup.1=myproject-web-sg", parameters);
            Assert.DoesNotContain(parameters, p => p.StartsWith("SecurityGroupId.2", StringComparison.Ordinal));
        }
    }
}
