using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>
/// A rolling replacement done only through the ports against LocalAws (real instance hosts, real ELB health
/// checks): proves the ports carry what a serial deployment needs. A test, not a workflow.
/// </summary>
public sealed class RollingReplacementThroughPortsTests
{
    public sealed class WithAGroupOfTwoBehindAClassicLoadBalancer : LocalAwsTest
    {
        private static readonly LoadBalancerRef Elb = LoadBalancerRef.Classic("web");
        private string appDirectory = string.Empty;

        protected override bool Hosts => true;

        public override async Task InitializeAsync()
        {
            appDirectory = Deployments.AppDirectory("v2");
            await base.InitializeAsync();
            await Ports.Provisioning.CreateClassicLoadBalancerAsync(new ClassicLoadBalancerCreation("web", [new ClassicListener("HTTP", 80, "HTTP", 80)]) { AvailabilityZones = ["us-east-1a"] });
            await Ports.Provisioning.ConfigureHealthCheckAsync("web", new HealthCheckSettings("HTTP:80/healthcheck.html", 5, 2, 2, 2));
            await Ports.Provisioning.CreateGroupAsync(new GroupCreation("web", LaunchSource.Template("web", "1"), 2, 4, 2)
            {
                AvailabilityZones = ["us-east-1a"],
                LoadBalancerNames = ["web"],
                HealthCheckType = "ELB",
                HealthCheckGracePeriod = 60,
            });
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(appDirectory, recursive: true);
        }

        [Fact]
        public async Task Should_Double_On_The_New_Version_And_Shed_The_Old_Instances()
        {
            // Given
            var old = (await WaitServingAsync(2)).Select(i => i.InstanceId).ToList();
            await Ports.ScalingProcesses.SuspendProcessesAsync("web", ["AZRebalance", "AlarmNotification", "ScheduledActions"]);
            var v2 = await Ports.LaunchTemplates.CreateVersionAsync("web", "1", new LaunchTemplateChange(Server.CreateImageFromDirectory("web-v2", appDirectory)) { Description = "v2" });

            // When
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { LaunchSource = LaunchSource.Template("web", $"{v2.Version}"), MaxSize = 4 });
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 4);
            var doubled = await WaitServingAsync(4);
            await Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web") { TerminationPolicies = ["OldestLaunchTemplate"] });
            await Ports.AutoScalingGroups.SetDesiredCapacityAsync("web", 2);
            var remaining = await WaitServingAsync(2);
            var behindElb = await Ports.LoadBalancing.GetHealthAsync(Elb, []);
            var oldNow = await Ports.Instances.DescribeAsync(old);
            using var http = new HttpClient();
            var served = await http.GetStringAsync(Server.LoadBalancerUri("web"));

            // Then
            var fresh = doubled.Select(i => i.InstanceId).Except(old).Order().ToList();
            Assert.Equal(2, fresh.Count);
            Assert.All(doubled.Where(i => fresh.Contains(i.InstanceId)), i => Assert.Equal("2", i.LaunchSource?.LaunchTemplateVersion));
            Assert.Equal(fresh, remaining.Select(i => i.InstanceId).Order());
            Assert.Equal(fresh, behindElb.Select(h => h.InstanceId).Order());
            Assert.All(oldNow, i => Assert.Contains(i.State, new[] { "shutting-down", "terminated" }));
            Assert.Equal("v2", served);
        }

        /// <summary>Polls the ports until the group has exactly <paramref name="count"/> instances, all InService and Healthy in the ELB.</summary>
        private async Task<IReadOnlyList<GroupInstance>> WaitServingAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var group = (await Ports.AutoScalingGroups.FindGroupAsync("web"))!;
                var ids = group.Instances.Select(i => i.InstanceId).ToList();
                var health = ids.Count == 0 ? [] : await Ports.LoadBalancing.GetHealthAsync(Elb, ids);
                if (ids.Count == count && group.Instances.All(i => i.IsInService) && health.All(h => h.Health == BackendHealth.Healthy))
                {
                    return group.Instances;
                }

                if (DateTime.UtcNow > deadline)
                {
                    var seen = string.Join(", ", group.Instances.Select(i => $"{i.InstanceId} {i.LifecycleState} {health.FirstOrDefault(h => h.InstanceId == i.InstanceId)?.State}"));
                    throw new TimeoutException($"{count} instances InService and healthy in load balancer 'web' did not happen within 30 s; seen: {seen}");
                }

                await Task.Delay(100);
            }
        }
    }
}
