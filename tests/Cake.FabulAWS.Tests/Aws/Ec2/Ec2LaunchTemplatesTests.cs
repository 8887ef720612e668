using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;
using static Cake.FabulAWS.Tests.Aws.Ec2.Ec2Samples;

namespace Cake.FabulAWS.Tests.Aws.Ec2;

public class Ec2LaunchTemplatesTests
{
    public class TheFindVersionAsyncMethod
    {
        [Fact]
        public async Task Should_Read_The_Version()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchTemplateVersions", AwsXml.Ec2("DescribeLaunchTemplateVersions", $"<launchTemplateVersionSet>{TemplateVersion(7, true)}</launchTemplateVersionSet>"));
            using var aws = Connect(server);

            // When
            var version = await aws.LaunchTemplates.FindVersionAsync("web", "$Default");

            // Then
            AssertForm(server.Requests.Single(), "DescribeLaunchTemplateVersions", Ec2Version, "LaunchTemplateName=web", "LaunchTemplateVersion.1=$Default");
            Assert.Equal(new LaunchTemplateVersion("lt-0a1b2c3d4e5f60718", "web", 7, true, "ami-0456", "t3.small", "ami-0456 from deploy abc123"), version);
        }

        [Fact]
        public async Task Should_Return_Null_For_A_Missing_Template()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchTemplateVersions", new FakeResponse(400, AwsXml.Ec2Error("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.")));
            using var aws = Connect(server);

            // When
            var version = await aws.LaunchTemplates.FindVersionAsync("web", "3");

            // Then
            Assert.Null(version);
        }
    }

    public class TheCreateTemplateAsyncMethod
    {
        [Fact]
        public async Task Should_Create_Version_One()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchTemplate", AwsXml.Ec2("CreateLaunchTemplate", "<launchTemplate><launchTemplateId>lt-0new</launchTemplateId><launchTemplateName>web</launchTemplateName><createTime>2026-11-27T06:40:00.000Z</createTime><createdBy>arn:aws:iam::123456789012:user/deploy</createdBy><defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>1</latestVersionNumber></launchTemplate>"));
            using var aws = Connect(server);
            var change = new LaunchTemplateChange("ami-0456") { InstanceType = "t3.small", KeyName = "deploy", SecurityGroupIds = ["sg-1", "sg-2"], Description = "first" };

            // When
            var version = await aws.LaunchTemplates.CreateTemplateAsync("web", change);

            // Then
            Assert.Equal(new LaunchTemplateVersion("lt-0new", "web", 1, true, "ami-0456", "t3.small", "first"), version);
            AssertEc2WithClientToken(
                server.Requests.Single(),
                "CreateLaunchTemplate",
                "LaunchTemplateName=web",
                "VersionDescription=first",
                "LaunchTemplateData.ImageId=ami-0456",
                "LaunchTemplateData.InstanceType=t3.small",
                "LaunchTemplateData.KeyName=deploy",
                "LaunchTemplateData.SecurityGroupId.1=sg-1",
                "LaunchTemplateData.SecurityGroupId.2=sg-2");
        }
    }

    public class TheCreateVersionAsyncMethod
    {
        [Fact]
        public async Task Should_Copy_The_Source_Version_With_A_New_Image()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchTemplateVersion", AwsXml.Ec2("CreateLaunchTemplateVersion", $"<launchTemplateVersion>{TemplateVersionFields(8, false)}</launchTemplateVersion>"));
            using var aws = Connect(server);

            // When
            var version = await aws.LaunchTemplates.CreateVersionAsync("web", "$Default", new LaunchTemplateChange("ami-0456") { Description = "ami-0456 from deploy abc123" });

            // Then
            Assert.Equal(new LaunchTemplateVersion("lt-0a1b2c3d4e5f60718", "web", 8, false, "ami-0456", "t3.small", "ami-0456 from deploy abc123"), version);
            AssertEc2WithClientToken(
                server.Requests.Single(),
                "CreateLaunchTemplateVersion",
                "LaunchTemplateName=web",
                "SourceVersion=$Default",
                "VersionDescription=ami-0456 from deploy abc123",
                "LaunchTemplateData.ImageId=ami-0456");
        }
    }

    public class TheSetDefaultVersionAsyncMethod
    {
        [Fact]
        public async Task Should_Modify_The_Default_Version()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("ModifyLaunchTemplate", AwsXml.Ec2("ModifyLaunchTemplate", "<launchTemplate><launchTemplateId>lt-0a1b2c3d4e5f60718</launchTemplateId><launchTemplateName>web</launchTemplateName><defaultVersionNumber>8</defaultVersionNumber><latestVersionNumber>8</latestVersionNumber></launchTemplate>"));
            using var aws = Connect(server);

            // When
            await aws.LaunchTemplates.SetDefaultVersionAsync("web", 8);

            // Then
            AssertEc2WithClientToken(server.Requests.Single(), "ModifyLaunchTemplate", "LaunchTemplateName=web", "SetDefaultVersion=8");
        }
    }

    public class TheFindLaunchTemplateAsyncMethod
    {
        [Fact]
        public async Task Should_Read_Default_And_Latest_Versions()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchTemplates", AwsXml.Ec2("DescribeLaunchTemplates", "<launchTemplates><item><launchTemplateId>lt-0a1b2c3d4e5f60718</launchTemplateId><launchTemplateName>web</launchTemplateName><createTime>2026-01-01T00:00:00.000Z</createTime><createdBy>arn:aws:iam::123456789012:user/deploy</createdBy><defaultVersionNumber>7</defaultVersionNumber><latestVersionNumber>9</latestVersionNumber></item></launchTemplates>"));
            using var aws = Connect(server);

            // When
            var template = await aws.Provisioning.FindLaunchTemplateAsync("web");

            // Then
            AssertForm(server.Requests.Single(), "DescribeLaunchTemplates", Ec2Version, "LaunchTemplateName.1=web");
            Assert.Equal(new LaunchTemplateSummary("lt-0a1b2c3d4e5f60718", "web", 7, 9), template);
        }

        [Fact]
        public async Task Should_Return_Null_For_A_Missing_Template()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchTemplates", new FakeResponse(400, AwsXml.Ec2Error("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.")));
            using var aws = Connect(server);

            // When
            var template = await aws.Provisioning.FindLaunchTemplateAsync("web");

            // Then
            Assert.Null(template);
        }
    }
}
