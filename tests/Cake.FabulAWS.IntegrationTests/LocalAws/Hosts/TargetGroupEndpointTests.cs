using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Hosts;

/// <summary>A target group's endpoint forwards only to healthy targets, as an ALB in front of it would.</summary>
public sealed class TargetGroupEndpointTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;
    private string arn = string.Empty;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions());
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        arn = (await api.CallAsync("elbv2", "CreateTargetGroup", ("Name", "web"), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-1"),
            ("HealthCheckPath", "/healthcheck.html"), ("HealthCheckIntervalSeconds", "5"), ("HealthyThresholdCount", "2"))).One("TargetGroupArn");
        await Deployments.CreateGroupAsync(api, "web", 2, extra: ("TargetGroupARNs.member.1", arn));
        await aws.WaitUntilAsync(s => s.TargetGroups[arn].Targets.Values.Count(t => t.State == "healthy") == 2 && s.Groups["web"].Members.All(m => m.Lifecycle == "InService"), TimeSpan.FromSeconds(30), "2 healthy targets");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        api.Dispose();
        await aws.DisposeAsync();
    }

    private async Task<HashSet<string>> ServedByAsync(int requests)
    {
        var served = new HashSet<string>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await http.GetAsync(aws.LoadBalancerUri("web"));
            response.EnsureSuccessStatusCode();
            served.Add(response.Headers.GetValues("X-LocalAws-Instance").Single());
        }

        return served;
    }

    [Fact]
    public async Task Should_Round_Robin_Over_Healthy_Targets_And_Skip_Draining_Ones()
    {
        // Given
        var members = Deployments.Members(aws, "web");
        var before = await ServedByAsync(4);

        // When
        await api.CallAsync("elbv2", "DeregisterTargets", ("TargetGroupArn", arn), ("Targets.member.1.Id", members[0]));
        var after = await ServedByAsync(4);

        // Then
        Assert.Equal(members.Order(), before.Order());
        Assert.Equal([members[1]], after);
        Assert.Equal("draining", aws.Inspect(s => s.TargetGroups[arn].Targets[members[0]].State));
    }
}
