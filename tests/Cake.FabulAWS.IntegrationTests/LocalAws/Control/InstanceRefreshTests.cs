using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>An instance refresh replaces every instance while keeping MinHealthyPercentage of the capacity in service.</summary>
public sealed class InstanceRefreshTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { BootTime = TimeSpan.FromMilliseconds(200) });
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 4, healthCheckType: "EC2");
        await Deployments.WaitInServiceAsync(aws, "web", 4);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Replace_All_Instances_Keeping_The_Minimum_Healthy()
    {
        // Given
        var old = Deployments.Members(aws, "web");
        var before = aws.Metrics.Timeline.Count;

        // When
        var id = (await api.CallAsync("autoscaling", "StartInstanceRefresh", ("AutoScalingGroupName", "web"), ("Preferences.MinHealthyPercentage", "75"), ("Preferences.InstanceWarmup", "0"))).One("InstanceRefreshId");
        await aws.WaitUntilAsync(s => s.InstanceRefreshes.Single(r => r.Id == id).Status == "Successful", TimeSpan.FromSeconds(30), "refresh done");

        // Then
        Assert.Empty(old.Intersect(Deployments.Members(aws, "web")));
        Assert.Equal(4, Deployments.Members(aws, "web").Count);
        var inService = aws.Metrics.Timeline.Skip(before).Select(s => s.Groups["web"].InService).ToList();
        Assert.True(inService.Min() >= 3, $"in service went down to {inService.Min()}");
        var described = await api.CallAsync("autoscaling", "DescribeInstanceRefreshes", ("AutoScalingGroupName", "web"));
        Assert.Equal("100", described.One("PercentageComplete"));
    }
}
