using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>IEnvironmentProvisioning against LocalAws.</summary>
public sealed class EnvironmentProvisioningAdapterTests
{
    public sealed class TheLoadBalancerMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Create_And_Describe_A_Classic_Load_Balancer_With_Its_Health_Check()
        {
            // When
            var dns = await Ports.Provisioning.CreateClassicLoadBalancerAsync(new ClassicLoadBalancerCreation("web", [new ClassicListener("HTTP", 80, "HTTP", 80)])
            {
                AvailabilityZones = ["us-east-1a"],
                Tags = new Dictionary<string, string> { ["environment"] = "staging" },
            });
            await Ports.Provisioning.ConfigureHealthCheckAsync("web", new HealthCheckSettings("HTTP:80/healthcheck.html", 10, 3, 4, 2));
            await Ports.Provisioning.CreateClassicLoadBalancerAsync(new ClassicLoadBalancerCreation("api", [new ClassicListener("TCP", 443, "TCP", 443)]) { AvailabilityZones = ["us-east-1a"] });
            var web = Assert.Single(await Ports.Provisioning.DescribeClassicLoadBalancersAsync(["web"]));
            var all = await Ports.Provisioning.DescribeClassicLoadBalancersAsync([]);

            // Then
            Assert.False(string.IsNullOrEmpty(dns));
            Assert.Equal(("web", dns), (web.Name, web.DnsName));
            Assert.Equal(new HealthCheckSettings("HTTP:80/healthcheck.html", 10, 3, 4, 2), web.HealthCheck);
            Assert.Equal(["us-east-1a"], web.AvailabilityZones);
            Assert.Equal(["api", "web"], all.Select(l => l.Name).Order());
        }

        [Fact]
        public async Task Should_Fail_To_Describe_A_Missing_Load_Balancer_Naming_It()
        {
            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => Ports.Provisioning.DescribeClassicLoadBalancersAsync(["missing"]));

            // Then
            Assert.Equal("LoadBalancerNotFound", error.ErrorCode);
            Assert.Contains("'missing'", error.Message);
        }
    }

    public sealed class TheGroupMethods : LocalAwsTest
    {
        [Fact]
        public async Task Should_Create_A_Group_And_Attach_A_Classic_Load_Balancer_And_A_Target_Group()
        {
            // Given
            await Ports.Provisioning.CreateClassicLoadBalancerAsync(new ClassicLoadBalancerCreation("web", [new ClassicListener("HTTP", 80, "HTTP", 80)]) { AvailabilityZones = ["us-east-1a"] });
            var arn = (await Adapters.Setup.CallAsync("elbv2", "CreateTargetGroup", ("Name", "web-tg"), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-1"))).One("TargetGroupArn");
            await Ports.Provisioning.CreateGroupAsync(new GroupCreation("web", LaunchSource.Template("web", "$Default"), 1, 4, 1)
            {
                AvailabilityZones = ["us-east-1a", "us-east-1b"],
                HealthCheckType = "EC2",
                HealthCheckGracePeriod = 120,
                TerminationPolicies = ["OldestLaunchTemplate"],
                Tags = new Dictionary<string, string> { ["role"] = "web" },
            });
            var id = (await WaitInServiceAsync("web", 1)).Instances[0].InstanceId;

            // When
            await Ports.Provisioning.AttachLoadBalancersAsync("web", [LoadBalancerRef.Classic("web"), LoadBalancerRef.TargetGroup(arn)]);
            var group = await Ports.AutoScalingGroups.FindGroupAsync("web");
            var registered = await LocalAwsAdapters.PollAsync(
                async () => (await Ports.Provisioning.DescribeClassicLoadBalancersAsync(["web"]))[0].InstanceIds,
                ids => ids.Count == 1,
                "the group's instance registered with the load balancer");
            var target = await LocalAwsAdapters.PollAsync(
                () => Ports.LoadBalancing.GetHealthAsync(LoadBalancerRef.TargetGroup(arn), [id]),
                h => h[0].Health != BackendHealth.NotRegistered,
                "the group's instance registered with the target group");

            // Then
            Assert.Equal(["web"], group!.LoadBalancerNames);
            Assert.Equal([arn], group.TargetGroupArns);
            Assert.Equal(("EC2", 120, "$Default"), (group.HealthCheckType, group.HealthCheckGracePeriod, group.LaunchSource?.LaunchTemplateVersion));
            Assert.Equal(["OldestLaunchTemplate"], group.TerminationPolicies);
            Assert.Equal("web", group.Tags["role"]);
            Assert.Equal([id], registered);
            Assert.Equal(id, target[0].InstanceId);
        }

        [Fact]
        public async Task Should_Find_A_Launch_Template_With_Its_Versions_And_Not_A_Missing_One()
        {
            // Given
            await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.BaseImageId));

            // When
            var found = await Ports.Provisioning.FindLaunchTemplateAsync("web");
            var missing = await Ports.Provisioning.FindLaunchTemplateAsync("missing");

            // Then
            Assert.Equal(("web", 1L, 2L), (found!.TemplateName, found.DefaultVersion, found.LatestVersion));
            Assert.StartsWith("lt-", found.TemplateId);
            Assert.Null(missing);
        }

        [Fact]
        public async Task Should_Refuse_A_Second_Group_Of_The_Same_Name()
        {
            // Given
            await CreateGroupAsync("web", 0);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => CreateGroupAsync("web", 0));

            // Then
            Assert.Equal("AlreadyExists", error.ErrorCode);
            Assert.Contains("'web'", error.Message);
        }
    }
}
