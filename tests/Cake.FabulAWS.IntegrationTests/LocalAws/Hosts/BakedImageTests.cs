using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using LocalAws.Model;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Hosts;

/// <summary>An image baked from a changed instance serves the changed files on every instance launched from it.</summary>
public sealed class BakedImageTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions());
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        api.Dispose();
        await aws.DisposeAsync();
    }

    private async Task<string> RunAsync(string imageId)
    {
        var id = (await api.CallAsync("ec2", "RunInstances", ("ImageId", imageId), ("MinCount", "1"), ("MaxCount", "1"))).One("instanceId");
        await aws.WaitUntilAsync(s => s.Instances[id] is { State: "running", Host: HostStatus.Ready }, TimeSpan.FromSeconds(20), $"{id} serving");
        return id;
    }

    private Task<string> IndexAsync(string instanceId) => http.GetStringAsync(new Uri(aws.InstanceUri(instanceId), "index.html"));

    [Fact]
    public async Task Should_Serve_The_Baked_Index_From_Instances_Of_The_New_Image_And_The_Old_One_From_The_Old()
    {
        // Given
        var v1 = aws.CreateImageFromDirectory("app-v1", Deployments.AppDirectory("<h1>v1</h1>"));
        var builder = await RunAsync(v1);
        await File.WriteAllTextAsync(Path.Combine(aws.Inspect(s => s.Instances[builder].HomeDirectory)!, "www", "index.html"), "<h1>v2 baked</h1>");

        // When
        var v2 = (await api.CallAsync("ec2", "CreateImage", ("InstanceId", builder), ("Name", "app-v2"), ("NoReboot", "true"))).One("imageId");
        await aws.WaitUntilAsync(s => s.Images[v2].State == "available", TimeSpan.FromSeconds(10), "baked image available");
        var fromV2 = await RunAsync(v2);
        var fromV1 = await RunAsync(v1);

        // Then
        Assert.Equal("<h1>v2 baked</h1>", await IndexAsync(fromV2));
        Assert.Equal("<h1>v1</h1>", await IndexAsync(fromV1));
    }
}
