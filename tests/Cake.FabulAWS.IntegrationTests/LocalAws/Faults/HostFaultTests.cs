using System.Net;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Faults;

/// <summary>Faults on instance hosts: the next N instances never become healthy.</summary>
public sealed class HostFaultTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions());
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Fail_Every_Request_To_The_Next_N_Instances_Only()
    {
        // Given
        aws.Faults.NeverHealthyNext(1);

        // When
        var ids = (await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "2"), ("MaxCount", "2"))).All("instanceId").Select(e => e.Value).ToList();
        await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(20), "running");
        using var http = new HttpClient();
        var first = await http.GetAsync(new Uri(aws.InstanceUri(ids[0]), "healthcheck.html"));
        var second = await http.GetAsync(new Uri(aws.InstanceUri(ids[1]), "healthcheck.html"));

        // Then
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
