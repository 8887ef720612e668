using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class ServerDirectoryTests
{
    private static Ec2Instance Instance(string id, string? privateIp, string state = "running", string? dns = null) =>
        new(id, state, privateIp, null, null, dns, "ami-1", null, new Dictionary<string, string>());

    public sealed class TheConstructor
    {
        [Fact]
        public void Should_Refuse_An_Unknown_Address_Attribute()
        {
            // When
            var error = Record.Exception(() => new ServerDirectory(Substitute.For<IInstances>(), Substitute.For<IAutoScalingGroups>(), "elastic_ip"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("SSH address attribute: Unknown instance address attribute 'elastic_ip'", error.Message);
        }
    }

    public sealed class TheFindRoleMethod
    {
        [Fact]
        public async Task Should_Find_Running_Instances_By_The_Three_Tags()
        {
            // Given
            var instances = Substitute.For<IInstances>();
            instances.FindByTagsAsync(Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([Instance("i-2", "10.0.0.2"), Instance("i-1", "10.0.0.1")]);
            var directory = new ServerDirectory(instances, Substitute.For<IAutoScalingGroups>(), "private_ip_address");

            // When
            var hosts = await directory.FindRoleAsync("myproject", "staging", "worker");

            // Then
            Assert.Equal([new RemoteHost("10.0.0.1", "i-1"), new RemoteHost("10.0.0.2", "i-2")], hosts);
            await instances.Received(1).FindByTagsAsync(
                Arg.Is<IReadOnlyDictionary<string, string>>(t => t.Count == 3 && t["deployment"] == "myproject" && t["environment"] == "staging" && t["role"] == "worker"),
                Arg.Is<IEnumerable<string>>(s => s.SequenceEqual(new[] { "running" })),
                Arg.Any<CancellationToken>());
        }

        [Fact]
        public async Task Should_Name_An_Instance_Without_The_Configured_Address()
        {
            // Given
            var instances = Substitute.For<IInstances>();
            instances.FindByTagsAsync(Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([Instance("i-1", "10.0.0.1")]);
            var directory = new ServerDirectory(instances, Substitute.For<IAutoScalingGroups>(), "public_dns_name");

            // When
            var error = await Record.ExceptionAsync(() => directory.FindRoleAsync("myproject", "staging", "worker"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("Instance i-1 has no public_dns_name to connect to over SSH.", error.Message);
        }
    }

    public sealed class TheFindRolesMethod
    {
        [Fact]
        public async Task Should_List_Each_Instance_Once()
        {
            // Given
            var instances = Substitute.For<IInstances>();
            instances.FindByTagsAsync(Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns(call => call.Arg<IReadOnlyDictionary<string, string>>()["role"] == "web"
                    ? [Instance("i-1", "10.0.0.1"), Instance("i-3", "10.0.0.3")]
                    : [Instance("i-3", "10.0.0.3"), Instance("i-2", "10.0.0.2")]);
            var directory = new ServerDirectory(instances, Substitute.For<IAutoScalingGroups>(), "private_ip_address");

            // When
            var hosts = await directory.FindRolesAsync("p", "e", ["web", "worker", "web"]);

            // Then
            Assert.Equal(["i-1", "i-3", "i-2"], hosts.Select(h => h.InstanceId));
        }
    }

    public sealed class TheFindWebServersMethod
    {
        [Fact]
        public async Task Should_Take_The_Groups_InService_Running_Instances()
        {
            // Given
            var groups = Substitute.For<IAutoScalingGroups>();
            var members = new[] { ("i-1", "InService"), ("i-2", "Pending"), ("i-3", "InService"), ("i-4", "InService") }
                .Select(m => new GroupInstance(m.Item1, m.Item2, "Healthy", "us-east-1a", null, null)).ToList();
            groups.FindGroupAsync("web", Arg.Any<CancellationToken>()).Returns(new AutoScalingGroup("web", 1, 4, 3, null, members, [], [], [], [], new Dictionary<string, string>(), "ELB", 300, []));
            var instances = Substitute.For<IInstances>();
            instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
                .Returns([Instance("i-3", "10.0.0.3"), Instance("i-1", "10.0.0.1"), Instance("i-4", "10.0.0.4", "shutting-down")]);
            var directory = new ServerDirectory(instances, groups, "private_ip_address");

            // When
            var hosts = await directory.FindWebServersAsync("web");

            // Then
            Assert.Equal(["10.0.0.1", "10.0.0.3"], hosts.Select(h => h.Address));
            await instances.Received(1).DescribeAsync(Arg.Is<IEnumerable<string>>(ids => ids.SequenceEqual(new[] { "i-1", "i-3", "i-4" })), Arg.Any<CancellationToken>());
        }

        [Fact]
        public async Task Should_Say_When_The_Group_Does_Not_Exist()
        {
            // Given
            var directory = new ServerDirectory(Substitute.For<IInstances>(), Substitute.For<IAutoScalingGroups>(), "private_ip_address");

            // When
            var error = await Record.ExceptionAsync(() => directory.FindWebServersAsync("missing-asg"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("Auto Scaling group 'missing-asg' not found", error.Message);
        }
    }
}
