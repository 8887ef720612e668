using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;
using static Cake.FabulAWS.Tests.Aws.Ec2.Ec2Samples;

namespace Cake.FabulAWS.Tests.Aws.Ec2;

public class ImagesAdapterTests
{
    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task Should_Create_A_Tagged_Image_Of_The_Instance()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateImage", AwsXml.Ec2("CreateImage", "<imageId>ami-0456</imageId>"));
            using var aws = Connect(server);

            // When
            var imageId = await aws.Images.CreateAsync("i-0builder", "web-2026-11-27", "Baked from abc123", new Dictionary<string, string> { ["fabulaws:environment"] = "production" });

            // Then
            Assert.Equal("ami-0456", imageId);
            AssertForm(
                server.Requests.Single(),
                "CreateImage",
                Ec2Version,
                "InstanceId=i-0builder",
                "Name=web-2026-11-27",
                "Description=Baked from abc123",
                "TagSpecification.1.ResourceType=image",
                "TagSpecification.1.Tag.1.Key=fabulaws:environment",
                "TagSpecification.1.Tag.1.Value=production",
                "TagSpecification.2.ResourceType=snapshot",
                "TagSpecification.2.Tag.1.Key=fabulaws:environment",
                "TagSpecification.2.Tag.1.Value=production");
        }
    }

    public class TheFindAsyncMethod
    {
        [Fact]
        public async Task Should_Read_The_Image()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeImages", AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image("ami-0456", "pending")}</imagesSet>"));
            using var aws = Connect(server);

            // When
            var image = await aws.Images.FindAsync("ami-0456");

            // Then
            AssertForm(server.Requests.Single(), "DescribeImages", Ec2Version, "ImageId.1=ami-0456");
            Assert.Equal(("ami-0456", "web-2026-11-27", "pending"), (image!.ImageId, image.Name, image.State));
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero), image.CreationDate);
            Assert.Equal("production", image.Tags["fabulaws:environment"]);
        }

        [Fact]
        public async Task Should_Return_Null_For_An_Unknown_Image()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeImages", new FakeResponse(400, AwsXml.Ec2Error("InvalidAMIID.NotFound", "The image id '[ami-0999]' does not exist")));
            using var aws = Connect(server);

            // When
            var image = await aws.Images.FindAsync("ami-0999");

            // Then
            Assert.Null(image);
        }
    }

    public class TheFindByTagsAsyncMethod
    {
        [Fact]
        public async Task Should_Find_Own_Images_By_Tag_Over_Pages()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeImages",
                new FakeResponse(200, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image("ami-01")}</imagesSet><nextToken>t2</nextToken>")),
                new FakeResponse(200, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image("ami-02")}</imagesSet>")));
            using var aws = Connect(server);

            // When
            var images = await aws.Images.FindByTagsAsync(new Dictionary<string, string> { ["fabulaws:environment"] = "production" });

            // Then
            Assert.Equal(["ami-01", "ami-02"], images.Select(i => i.ImageId));
            string[] expected = ["Owner.1=self", "Filter.1.Name=tag:fabulaws:environment", "Filter.1.Value.1=production", "MaxResults=1000"];
            AssertForm(server.Requests[0], "DescribeImages", Ec2Version, expected);
            AssertForm(server.Requests[1], "DescribeImages", Ec2Version, [.. expected, "NextToken=t2"]);
        }
    }

    public class TheDeregisterAsyncMethod
    {
        [Fact]
        public async Task Should_Deregister_The_Image()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeregisterImage", AwsXml.Ec2("DeregisterImage", "<return>true</return>"));
            using var aws = Connect(server);

            // When
            await aws.Images.DeregisterAsync("ami-0456");

            // Then
            AssertForm(server.Requests.Single(), "DeregisterImage", Ec2Version, "ImageId=ami-0456");
        }
    }
}
