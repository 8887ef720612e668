using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>
/// A refresh whose replacements never pass their health checks fails after AWS's hour (3600 AWS seconds, 3.6 s at
/// TimeScale 0.001); launching first, it never took the old instance out of service.
/// </summary>
public sealed class InstanceRefreshTimeoutTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions() with { TimeScale = 0.001 });
        api = new QueryClient(aws.Endpoint);
        var broken = aws.CreateImageFromDirectory("app-broken", Deployments.AppDirectory("<h1>broken</h1>"));
        aws.Faults.NeverHealthyImage(broken);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "web"), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", broken));
        await Deployments.CreateLoadBalancerAsync(api, "web", unhealthy: 5); // a slow check under load must not take the old instance out
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateName", "web"), ("LaunchTemplate.Version", "1"),
            ("MinSize", "1"), ("MaxSize", "1"), ("HealthCheckType", "ELB"), ("HealthCheckGracePeriod", "600"), ("LoadBalancerNames.member.1", "web"), ("AvailabilityZones.member.1", "us-east-1a"));
        await Deployments.WaitInServiceAsync(aws, "web", 1, loadBalancer: "web");
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Fail_After_An_Hour_Without_Healthy_Replacements_Keeping_The_Old_Instance_In_Service()
    {
        // Given
        var old = Deployments.Members(aws, "web")[0];
        var before = aws.Metrics.Timeline.Count;

        // When
        await api.CallAsync("autoscaling", "StartInstanceRefresh", ("AutoScalingGroupName", "web"), ("DesiredConfiguration.LaunchTemplate.LaunchTemplateName", "web"),
            ("DesiredConfiguration.LaunchTemplate.Version", "2"), ("Preferences.MinHealthyPercentage", "100"), ("Preferences.MaxHealthyPercentage", "200"));
        await aws.WaitUntilAsync(s => s.InstanceRefreshes[0].Status == "Failed", TimeSpan.FromSeconds(30), "the refresh failed");
        var (start, end) = aws.Inspect(s => (s.InstanceRefreshes[0].Start, s.InstanceRefreshes[0].End!.Value));
        var described = await api.CallAsync("autoscaling", "DescribeInstanceRefreshes", ("AutoScalingGroupName", "web"));
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Count == 1, TimeSpan.FromSeconds(30), "the surplus replacement scaled in");

        // Then
        Assert.True(end - start >= aws.Options.Scaled(3600), $"failed after {(end - start).TotalSeconds:0.0} s");
        Assert.Contains("did not become healthy", described.One("StatusReason"));
        Assert.True(aws.Inspect(s => s.Activities.Count(a => a.Description.StartsWith("Launching", StringComparison.Ordinal))) >= 3, "unhealthy replacements were replaced in turn");
        Assert.All(aws.Metrics.Timeline.Skip(before), s => Assert.Equal(1, s.LoadBalancers["web"]));
        Assert.Equal(old, Deployments.Members(aws, "web")[0]);
        Assert.Equal("1", aws.Inspect(s => s.Groups["web"].LaunchTemplate!.Version));
    }
}
