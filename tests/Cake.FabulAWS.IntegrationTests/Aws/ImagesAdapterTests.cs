using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IImages against LocalAws: an image is a copy of its builder instance.</summary>
public sealed class ImagesAdapterTests
{
    public sealed class TheCreateFindAndDeregisterMethods : LocalAwsTest
    {
        protected override bool Hosts => true;

        [Fact]
        public async Task Should_Bake_A_Running_Instance_Into_An_Image_That_New_Instances_Boot_From()
        {
            // Given
            var builder = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"));
            await LocalAwsAdapters.PollAsync(() => Ports.Instances.DescribeAsync([builder.InstanceId]), i => i[0].State == "running", "builder running");
            await File.WriteAllTextAsync(Path.Combine(Server.Inspect(s => s.Instances[builder.InstanceId].HomeDirectory!), "www", "version.txt"), "v2");
            var tags = new Dictionary<string, string> { ["deployment"] = "web", ["commit"] = "abc123" };

            // When
            var imageId = await Ports.Images.CreateAsync(builder.InstanceId, "web-abc123", "web at abc123", tags);
            var pending = await Ports.Images.FindAsync(imageId);
            var available = await LocalAwsAdapters.PollAsync(() => Ports.Images.FindAsync(imageId), i => i?.State == "available", "image available");
            var tagged = await Ports.Images.FindByTagsAsync(new Dictionary<string, string> { ["commit"] = "abc123" });
            var booted = await Ports.Instances.LaunchAsync(new InstanceLaunch(imageId, "t3.micro"));
            await LocalAwsAdapters.PollAsync(() => Ports.Instances.DescribeAsync([booted.InstanceId]), i => i[0].State == "running", "instance of the image running");

            // Then
            Assert.Equal(("web-abc123", "pending"), (pending!.Name, pending.State));
            Assert.Equal("abc123", available!.Tags["commit"]);
            Assert.Equal(imageId, Assert.Single(tagged).ImageId);
            Assert.Equal("v2", await File.ReadAllTextAsync(Path.Combine(Server.Inspect(s => s.Instances[booted.InstanceId].HomeDirectory!), "www", "version.txt")));
        }

        [Fact]
        public async Task Should_Forget_A_Deregistered_Image_And_Find_No_Missing_One()
        {
            // Given
            var builder = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"));
            await LocalAwsAdapters.PollAsync(() => Ports.Instances.DescribeAsync([builder.InstanceId]), i => i[0].State == "running", "builder running");
            var imageId = await Ports.Images.CreateAsync(builder.InstanceId, "web-old", "old", new Dictionary<string, string> { ["deployment"] = "web" });

            // When
            await Ports.Images.DeregisterAsync(imageId);
            var found = await Ports.Images.FindAsync(imageId);
            var tagged = await Ports.Images.FindByTagsAsync(new Dictionary<string, string> { ["deployment"] = "web" });
            var missing = await Ports.Images.FindAsync("ami-0123456789abcdef0");

            // Then
            Assert.Null(found);
            Assert.Empty(tagged);
            Assert.Null(missing);
        }
    }
}
