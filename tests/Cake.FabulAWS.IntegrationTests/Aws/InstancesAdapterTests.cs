using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IInstances against LocalAws.</summary>
public sealed class InstancesAdapterTests
{
    private static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) => tags.ToDictionary(t => t.Key, t => t.Value);

    public sealed class TheLaunchAndDescribeMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Launch_A_Tagged_Instance_And_Describe_Its_Addresses()
        {
            // When
            var launched = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro") { Tags = Tags(("role", "web")), UserData = "#!/bin/sh\necho hi" });
            var running = await LocalAwsAdapters.PollAsync(async () => (await Ports.Instances.DescribeAsync([launched.InstanceId]))[0], i => i.State == "running", "running");

            // Then
            Assert.Equal("pending", launched.State);
            Assert.Equal(Server.BaseImageId, running.ImageId);
            Assert.Equal("web", running.Tags["role"]);
            var address = Server.Inspect(s => s.Instances[launched.InstanceId].Address);
            Assert.Equal(address, running.Address("private_ip_address"));
            Assert.Equal(address, running.Address("ip_address"));
            Assert.NotNull(running.LaunchTime);
        }

        [Fact]
        public async Task Should_Launch_In_The_Zone_Asked_For_And_Describe_It()
        {
            // When
            var launched = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro") { AvailabilityZone = "us-east-1b", Tags = Tags(("role", "cache")) });
            var other = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro") { AvailabilityZone = "us-east-1c" });
            var described = await Ports.Instances.DescribeAsync([launched.InstanceId, other.InstanceId]);

            // Then
            Assert.Equal(("us-east-1b", "us-east-1c"), (launched.AvailabilityZone, other.AvailabilityZone));
            Assert.Equal(["us-east-1b", "us-east-1c"], described.OrderBy(i => i.AvailabilityZone).Select(i => i.AvailabilityZone));
            Assert.Equal("us-east-1b", Server.Inspect(s => s.Instances[launched.InstanceId].AvailabilityZone));
        }

        [Fact]
        public async Task Should_Launch_From_A_Launch_Template()
        {
            // Given
            await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.large" });

            // When
            var launched = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, string.Empty) { LaunchTemplate = LaunchSource.Template("web", "2") });

            // Then
            Assert.Equal("t3.large", Server.Inspect(s => s.Instances[launched.InstanceId].InstanceType));
        }

        [Fact]
        public async Task Should_Describe_Nothing_For_No_Ids_And_Fail_For_A_Missing_One()
        {
            // When
            var none = await Ports.Instances.DescribeAsync([]);
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.Instances.DescribeAsync(["i-0123456789abcdef0"]));

            // Then
            Assert.Empty(none);
            Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
            Assert.Contains("'i-0123456789abcdef0'", error.Message);
        }
    }

    public sealed class TheFindByTagsTagAndTerminateMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Find_Only_Instances_Matching_Every_Tag_And_Skip_Terminated_Ones()
        {
            // Given
            var web = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro") { Tags = Tags(("environment", "staging"), ("role", "web")) });
            var worker = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro") { Tags = Tags(("environment", "staging"), ("role", "worker")) });
            var gone = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"));
            await Ports.Instances.TagAsync([gone.InstanceId], Tags(("environment", "staging"), ("role", "web")));

            // When
            var beforeTermination = await Ports.Instances.FindByTagsAsync(Tags(("environment", "staging"), ("role", "web")), []);
            await Ports.Instances.TerminateAsync([gone.InstanceId]);
            var live = await LocalAwsAdapters.PollAsync(
                () => Ports.Instances.FindByTagsAsync(Tags(("environment", "staging"), ("role", "web")), []),
                found => found.Count == 1,
                "the terminated instance gone from the live states");
            var terminated = await Ports.Instances.FindByTagsAsync(Tags(("role", "web")), ["terminated"]);
            var staging = await Ports.Instances.FindByTagsAsync(Tags(("environment", "staging")), ["pending", "running"]);

            // Then
            Assert.Equal(new[] { gone.InstanceId, web.InstanceId }.Order(), beforeTermination.Select(i => i.InstanceId).Order());
            Assert.Equal(web.InstanceId, live[0].InstanceId);
            Assert.Equal(gone.InstanceId, Assert.Single(terminated).InstanceId);
            Assert.Equal(new[] { web.InstanceId, worker.InstanceId }.Order(), staging.Select(i => i.InstanceId).Order());
        }
    }

    public sealed class TheGetConsoleOutputMethod : LocalAwsTest
    {
        protected override bool Hosts => true;

        [Fact]
        public async Task Should_Decode_The_Host_Key_Block_Cloud_Init_Printed()
        {
            // Given
            var launched = await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"));
            var early = await Ports.Instances.GetConsoleOutputAsync(launched.InstanceId);

            // When
            var output = await LocalAwsAdapters.PollAsync(() => Ports.Instances.GetConsoleOutputAsync(launched.InstanceId), o => o.Length > 0, "console output");

            // Then
            Assert.True(early.Length == 0 || early == output);
            Assert.Contains("-----BEGIN SSH HOST KEY FINGERPRINTS-----", output);
            Assert.Contains(Server.Inspect(s => s.Instances[launched.InstanceId].HostPublicKey!).Split(' ')[1], output);
        }
    }
}
