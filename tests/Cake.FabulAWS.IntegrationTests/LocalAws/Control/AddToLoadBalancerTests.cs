using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>Instances launched while AddToLoadBalancer is suspended are not registered when it resumes (as in AWS).</summary>
public sealed class AddToLoadBalancerTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions());
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateLoadBalancerAsync(api, "web");
        await Deployments.CreateGroupAsync(api, "web", 1, "web");
        await Deployments.WaitInServiceAsync(aws, "web", 1, "web");
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Not_Register_Retroactively_When_AddToLoadBalancer_Resumes()
    {
        // Given
        await api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "AddToLoadBalancer"));
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2"));
        await aws.WaitUntilAsync(s => s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 2, TimeSpan.FromSeconds(20), "2 InService");
        var unregistered = aws.Inspect(s => s.Groups["web"].Members.Single(m => m.SkipLoadBalancers).InstanceId);

        // When
        await api.CallAsync("autoscaling", "ResumeProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "AddToLoadBalancer"));
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "3"));
        await aws.WaitUntilAsync(s => s.LoadBalancers["web"].Instances.Values.Count(h => h.State == "InService") == 2 && s.Groups["web"].Members.Count(m => m.Lifecycle == "InService") == 3, TimeSpan.FromSeconds(20), "the third instance in the load balancer");

        // Then
        Assert.False(aws.Inspect(s => s.LoadBalancers["web"].Instances.ContainsKey(unregistered)));
        var health = await api.TryAsync("elb", "DescribeInstanceHealth", ("LoadBalancerName", "web"), ("Instances.member.1.InstanceId", unregistered));
        Assert.Equal((400, "InvalidInstance"), (health.Status, health.Xml.One("Code")));
    }

    [Fact]
    public async Task Should_Register_New_InService_Instances_With_The_Group_Load_Balancer()
    {
        // When
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "2"));
        await Deployments.WaitInServiceAsync(aws, "web", 2, "web");

        // Then
        Assert.Equal(Deployments.Members(aws, "web").Order(), aws.Inspect(s => s.LoadBalancers["web"].Instances.Keys.Order().ToList()));
    }
}
