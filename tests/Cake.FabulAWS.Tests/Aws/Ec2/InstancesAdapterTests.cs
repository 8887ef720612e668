using System.Text;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;
using static Cake.FabulAWS.Tests.Aws.Ec2.Ec2Samples;

namespace Cake.FabulAWS.Tests.Aws.Ec2;

public class InstancesAdapterTests
{
    public class TheFindByTagsAsyncMethod
    {
        [Fact]
        public async Task Should_Filter_By_Tags_And_Live_States_Over_Every_Page()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeInstances",
                new FakeResponse(200, AwsXml.Ec2("DescribeInstances", Reservations(Instance("i-01"), "page-2"))),
                new FakeResponse(200, AwsXml.Ec2("DescribeInstances", Reservations(Instance("i-02", "pending")))));
            using var aws = Connect(server);

            // When
            var instances = await aws.Instances.FindByTagsAsync(new Dictionary<string, string> { ["environment"] = "production", ["role"] = "web" }, []);

            // Then
            string[] filters =
            [
                "Filter.1.Name=tag:environment", "Filter.1.Value.1=production",
                "Filter.2.Name=tag:role", "Filter.2.Value.1=web",
                "Filter.3.Name=instance-state-name", "Filter.3.Value.1=pending", "Filter.3.Value.2=running", "Filter.3.Value.3=stopping",
                "Filter.3.Value.4=stopped", "Filter.3.Value.5=shutting-down", "MaxResults=1000",
            ];
            AssertForm(server.Requests[0], "DescribeInstances", Ec2Version, filters);
            AssertForm(server.Requests[1], "DescribeInstances", Ec2Version, [.. filters, "NextToken=page-2"]);
            Assert.Equal(["i-01", "i-02"], instances.Select(i => i.InstanceId));
            var first = instances[0];
            Assert.Equal(
                ("running", "10.0.1.5", "54.1.2.3", "ip-10-0-1-5.eu-west-1.compute.internal", "ec2-54-1-2-3.eu-west-1.compute.amazonaws.com", "ami-0123"),
                (first.State, first.PrivateIpAddress, first.PublicIpAddress, first.PrivateDnsName, first.PublicDnsName, first.ImageId));
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), first.LaunchTime);
            Assert.Equal("web", first.Tags["role"]);
        }

        [Fact]
        public async Task Should_Filter_By_The_Given_States()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeInstances", AwsXml.Ec2("DescribeInstances", "<reservationSet/>"));
            using var aws = Connect(server);

            // When
            var instances = await aws.Instances.FindByTagsAsync(new Dictionary<string, string> { ["role"] = "web" }, ["running"]);

            // Then
            Assert.Empty(instances);
            AssertForm(server.Requests.Single(), "DescribeInstances", Ec2Version, "Filter.1.Name=tag:role", "Filter.1.Value.1=web", "Filter.2.Name=instance-state-name", "Filter.2.Value.1=running", "MaxResults=1000");
        }
    }

    public class TheDescribeAsyncMethod
    {
        [Fact]
        public async Task Should_Describe_By_Id()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeInstances", AwsXml.Ec2("DescribeInstances", Reservations(Instance("i-01") + Instance("i-02"))));
            using var aws = Connect(server);

            // When
            var instances = await aws.Instances.DescribeAsync(["i-01", "i-02"]);

            // Then
            AssertForm(server.Requests.Single(), "DescribeInstances", Ec2Version, "InstanceId.1=i-01", "InstanceId.2=i-02");
            Assert.Equal(["i-01", "i-02"], instances.Select(i => i.InstanceId));
        }

        [Fact]
        public async Task Should_Read_The_Ec2_Error_Shape()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeInstances", new FakeResponse(400, AwsXml.Ec2Error("InvalidInstanceID.NotFound", "The instance ID 'i-09' does not exist")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.Instances.DescribeAsync(["i-09"]));

            // Then
            Assert.Equal(("DescribeInstances", "instance 'i-09'", "InvalidInstanceID.NotFound"), (error.Operation, error.Resource, error.ErrorCode));
            Assert.StartsWith("Instance 'i-09' not found in eu-west-1 (InvalidInstanceID.NotFound)", error.Message);
            Assert.Single(server.Requests);
        }
    }

    public class TheLaunchAsyncMethod
    {
        [Fact]
        public async Task Should_Run_One_Instance_With_Tags_And_Encoded_User_Data()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RunInstances", AwsXml.Ec2("RunInstances", $"<reservationId>r-0abc</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>{Instance("i-0new", "pending")}</instancesSet>"));
            using var aws = Connect(server);
            var launch = new InstanceLaunch("ami-0123", "t3.small")
            {
                KeyName = "deploy",
                SecurityGroupIds = ["sg-1"],
                SubnetId = "subnet-0aa",
                UserData = "#cloud-config\n",
                Tags = new Dictionary<string, string> { ["Name"] = "web-builder" },
            };

            // When
            var instance = await aws.Instances.LaunchAsync(launch);

            // Then
            Assert.Equal(("i-0new", "pending"), (instance.InstanceId, instance.State));
            AssertEc2WithClientToken(
                server.Requests.Single(),
                "RunInstances",
                "ImageId=ami-0123",
                "InstanceType=t3.small",
                "KeyName=deploy",
                "MinCount=1",
                "MaxCount=1",
                "SecurityGroupId.1=sg-1",
                "SubnetId=subnet-0aa",
                $"UserData={Convert.ToBase64String(Encoding.UTF8.GetBytes("#cloud-config\n"))}",
                "TagSpecification.1.ResourceType=instance",
                "TagSpecification.1.Tag.1.Key=Name",
                "TagSpecification.1.Tag.1.Value=web-builder");
        }

        [Fact]
        public async Task Should_Launch_From_A_Template()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RunInstances", AwsXml.Ec2("RunInstances", $"<reservationId>r-0abc</reservationId><instancesSet>{Instance("i-0new", "pending")}</instancesSet>"));
            using var aws = Connect(server);

            // When
            await aws.Instances.LaunchAsync(new InstanceLaunch("ami-0123", "t3.small") { LaunchTemplate = LaunchSource.Template("web", "$Latest") });

            // Then
            AssertEc2WithClientToken(
                server.Requests.Single(),
                "RunInstances",
                "ImageId=ami-0123",
                "InstanceType=t3.small",
                "MinCount=1",
                "MaxCount=1",
                "LaunchTemplate.LaunchTemplateName=web",
                "LaunchTemplate.Version=$Latest");
        }
    }

    public class TheTerminateAsyncMethod
    {
        [Fact]
        public async Task Should_Terminate_By_Id()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("TerminateInstances", AwsXml.Ec2("TerminateInstances", "<instancesSet><item><instanceId>i-01</instanceId><currentState><code>32</code><name>shutting-down</name></currentState><previousState><code>16</code><name>running</name></previousState></item></instancesSet>"));
            using var aws = Connect(server);

            // When
            await aws.Instances.TerminateAsync(["i-01"]);

            // Then
            AssertForm(server.Requests.Single(), "TerminateInstances", Ec2Version, "InstanceId.1=i-01");
        }
    }

    public class TheTagAsyncMethod
    {
        [Fact]
        public async Task Should_Tag_Every_Resource()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateTags", AwsXml.Ec2("CreateTags", "<return>true</return>"));
            using var aws = Connect(server);

            // When
            await aws.Instances.TagAsync(["i-01", "ami-0123"], new Dictionary<string, string> { ["deployed"] = "abc123" });

            // Then
            AssertForm(server.Requests.Single(), "CreateTags", Ec2Version, "ResourceId.1=i-01", "ResourceId.2=ami-0123", "Tag.1.Key=deployed", "Tag.1.Value=abc123");
        }
    }

    public class TheGetConsoleOutputAsyncMethod
    {
        [Fact]
        public async Task Should_Decode_The_Output()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            var text = "-----BEGIN SSH HOST KEY FINGERPRINTS-----\n256 SHA256:abc root@ip-10-0-1-5 (ED25519)\n";
            server.On("GetConsoleOutput", AwsXml.Ec2("GetConsoleOutput", $"<instanceId>i-01</instanceId><timestamp>2026-11-27T06:05:00.000Z</timestamp><output>{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}</output>"));
            using var aws = Connect(server);

            // When
            var output = await aws.Instances.GetConsoleOutputAsync("i-01");

            // Then
            Assert.Equal(text, output);
            AssertForm(server.Requests.Single(), "GetConsoleOutput", Ec2Version, "InstanceId=i-01");
        }

        [Fact]
        public async Task Should_Return_Empty_Text_Before_There_Is_Output()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("GetConsoleOutput", AwsXml.Ec2("GetConsoleOutput", "<instanceId>i-01</instanceId><timestamp>2026-11-27T06:05:00.000Z</timestamp>"));
            using var aws = Connect(server);

            // When
            var output = await aws.Instances.GetConsoleOutputAsync("i-01");

            // Then
            Assert.Equal(string.Empty, output);
        }
    }
}
