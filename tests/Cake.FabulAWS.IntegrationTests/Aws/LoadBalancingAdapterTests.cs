using Cake.FabulAWS.Aws;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>ILoadBalancing against LocalAws, with real HTTP health checks of real instance hosts.</summary>
public sealed class LoadBalancingAdapterTests
{
    private const string Unknown = "i-00000000000000dead";

    public abstract class WithRunningInstances : LocalAwsTest
    {
        protected override bool Hosts => true;

        protected IReadOnlyList<string> Ids { get; private set; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var launched = new List<string>();
            foreach (var _ in Enumerable.Range(0, 2))
            {
                launched.Add((await Ports.Instances.LaunchAsync(new InstanceLaunch(Server.BaseImageId, "t3.micro"))).InstanceId);
            }

            Ids = launched;
            await LocalAwsAdapters.PollAsync(() => Ports.Instances.DescribeAsync(Ids), all => all.All(i => i.State == "running"), "2 instances running");
        }

        protected Task<IReadOnlyList<InstanceHealth>> WaitHealthAsync(LoadBalancerRef loadBalancer, IReadOnlyList<string> ids, BackendHealth health) => LocalAwsAdapters.PollAsync(
            () => Ports.LoadBalancing.GetHealthAsync(loadBalancer, ids),
            all => all.Count == ids.Count && all.All(h => h.Health == health),
            $"{string.Join(", ", ids)} {health} in {loadBalancer}");
    }

    public sealed class WithAClassicLoadBalancer : WithRunningInstances
    {
        private static readonly LoadBalancerRef Elb = LoadBalancerRef.Classic("web");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Ports.Provisioning.CreateClassicLoadBalancerAsync(new ClassicLoadBalancerCreation("web", [new ClassicListener("HTTP", 80, "HTTP", 80)]) { AvailabilityZones = ["us-east-1a"] });
            await Ports.Provisioning.ConfigureHealthCheckAsync("web", new HealthCheckSettings("HTTP:80/healthcheck.html", 5, 2, 2, 2));
        }

        [Fact]
        public async Task Should_Report_Registered_Instances_Healthy_And_An_Unknown_One_Not_Registered()
        {
            // Given
            await Ports.LoadBalancing.RegisterAsync(Elb, Ids);
            await WaitHealthAsync(Elb, Ids, BackendHealth.Healthy);

            // When
            var health = await Ports.LoadBalancing.GetHealthAsync(Elb, [Ids[0], Unknown]);
            var all = await Ports.LoadBalancing.GetHealthAsync(Elb, []);

            // Then
            Assert.Equal([(Ids[0], BackendHealth.Healthy), (Unknown, BackendHealth.NotRegistered)], health.Select(h => (h.InstanceId, h.Health)));
            Assert.Equal("InvalidInstance", health[1].State);
            Assert.Equal(Ids.Order(), all.Select(h => h.InstanceId).Order());
        }

        [Fact]
        public async Task Should_Stop_Knowing_A_Deregistered_Instance()
        {
            // Given
            await Ports.LoadBalancing.RegisterAsync(Elb, Ids);
            await WaitHealthAsync(Elb, Ids, BackendHealth.Healthy);

            // When
            await Ports.LoadBalancing.DeregisterAsync(Elb, [Ids[0]]);
            var health = await Ports.LoadBalancing.GetHealthAsync(Elb, Ids);
            var described = Assert.Single(await Ports.Provisioning.DescribeClassicLoadBalancersAsync(["web"]));

            // Then
            Assert.Equal([BackendHealth.NotRegistered, BackendHealth.Healthy], health.Select(h => h.Health));
            Assert.Equal([Ids[1]], described.InstanceIds);
        }

        [Fact]
        public async Task Should_Report_A_Just_Registered_Instance_Registering_Not_Unhealthy()
        {
            // Given: a slow check (30 s interval, 10 to pass: 6 s here), so the first reading is surely before it passes
            await Ports.Provisioning.ConfigureHealthCheckAsync("web", new HealthCheckSettings("HTTP:80/healthcheck.html", 30, 5, 2, 10));

            // When
            await Ports.LoadBalancing.RegisterAsync(Elb, [Ids[0]]);
            var health = Assert.Single(await Ports.LoadBalancing.GetHealthAsync(Elb, [Ids[0]]));

            // Then
            Assert.Equal((BackendHealth.Registering, "OutOfService"), (health.Health, health.State));
            Assert.Contains("registration is still in progress", health.Reason);
        }

        [Fact]
        public async Task Should_Report_An_Instance_Failing_Its_Health_Check_Unhealthy()
        {
            // Given
            File.Delete(Path.Combine(Server.Inspect(s => s.Instances[Ids[0]].HomeDirectory!), "www", "healthcheck.html"));

            // When
            await Ports.LoadBalancing.RegisterAsync(Elb, Ids);
            await WaitHealthAsync(Elb, [Ids[1]], BackendHealth.Healthy);
            var failing = await WaitHealthAsync(Elb, [Ids[0]], BackendHealth.Unhealthy);

            // Then
            Assert.Equal("OutOfService", failing[0].State);
        }
    }

    public sealed class WithATargetGroup : WithRunningInstances
    {
        private string arn = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            arn = (await Adapters.Setup.CallAsync("elbv2", "CreateTargetGroup", ("Name", "web-tg"), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-1"),
                ("HealthCheckPath", "/healthcheck.html"), ("HealthCheckIntervalSeconds", "5"), ("HealthyThresholdCount", "2"))).One("TargetGroupArn");
        }

        [Fact]
        public async Task Should_Resolve_A_Name_To_Its_Arn_And_Keep_An_Arn()
        {
            // When
            var byName = await Ports.LoadBalancing.ResolveTargetGroupAsync("web-tg");
            var byArn = await Ports.LoadBalancing.ResolveTargetGroupAsync(arn);

            // Then
            Assert.Equal(LoadBalancerRef.TargetGroup(arn), byName);
            Assert.Equal(byName, byArn);
        }

        [Fact]
        public async Task Should_Fail_To_Resolve_A_Missing_Target_Group_Naming_It()
        {
            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.LoadBalancing.ResolveTargetGroupAsync("missing-tg"));

            // Then
            Assert.Equal("TargetGroupNotFound", error.ErrorCode);
            Assert.Contains("'missing-tg'", error.Message);
        }

        [Fact]
        public async Task Should_Follow_Targets_From_Healthy_To_Draining_And_Report_Unregistered_Ones_Not_Registered()
        {
            // Given
            var group = await Ports.LoadBalancing.ResolveTargetGroupAsync("web-tg");
            await Ports.LoadBalancing.RegisterAsync(group, [Ids[0]]);
            await WaitHealthAsync(group, [Ids[0]], BackendHealth.Healthy);

            // When
            var unregistered = await Ports.LoadBalancing.GetHealthAsync(group, [Ids[1]]);
            await Ports.LoadBalancing.DeregisterAsync(group, [Ids[0]]);
            var draining = await Ports.LoadBalancing.GetHealthAsync(group, [Ids[0]]);

            // Then
            Assert.Equal((Ids[1], BackendHealth.NotRegistered, "unused"), (unregistered[0].InstanceId, unregistered[0].Health, unregistered[0].State));
            Assert.Equal(BackendHealth.Draining, Assert.Single(draining).Health);
        }

        [Fact]
        public async Task Should_Fail_For_An_Instance_That_Does_Not_Exist_As_ELBv2_Does()
        {
            // Given
            var group = await Ports.LoadBalancing.ResolveTargetGroupAsync("web-tg");

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.LoadBalancing.GetHealthAsync(group, [Unknown]));

            // Then
            Assert.Equal("InvalidTarget", error.ErrorCode);
            Assert.Contains(Unknown, error.Message);
        }
    }
}
