using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using Microsoft.Extensions.Time.Testing;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>EC2 state machines on a manual clock: instances boot, images build, terminated instances stay listed.</summary>
public sealed class Ec2LifecycleTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(new LocalAwsOptions
        {
            Port = 0, Tick = TimeSpan.Zero, StartHosts = false, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow),
            BootTime = TimeSpan.FromSeconds(30), ImageBuildTime = TimeSpan.FromMinutes(5),
        });
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    private string State(string id) => aws.Inspect(s => s.Instances[id].State);

    [Fact]
    public async Task Should_Run_Instances_After_The_Boot_Time()
    {
        // Given
        var id = (await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "1"), ("MaxCount", "1"))).One("instanceId");

        // When
        await aws.AdvanceAsync(TimeSpan.FromSeconds(29));
        var early = State(id);
        await aws.AdvanceAsync(TimeSpan.FromSeconds(1));

        // Then
        Assert.Equal("pending", early);
        Assert.Equal("running", State(id));
    }

    [Fact]
    public async Task Should_Make_Images_Available_After_The_Build_Time_And_Refuse_Launching_Them_Before()
    {
        // Given
        var builder = (await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "1"), ("MaxCount", "1"))).One("instanceId");
        var image = (await api.CallAsync("ec2", "CreateImage", ("InstanceId", builder), ("Name", "v1"))).One("imageId");

        // When
        var tooEarly = await api.TryAsync("ec2", "RunInstances", ("ImageId", image), ("MinCount", "1"), ("MaxCount", "1"));
        await aws.AdvanceAsync(TimeSpan.FromMinutes(5));
        var available = (await api.CallAsync("ec2", "DescribeImages", ("ImageId.1", image))).One("imageState");

        // Then
        Assert.Equal((400, "InvalidAMIID.Unavailable"), (tooEarly.Status, tooEarly.Xml.One("Code")));
        Assert.Equal("available", available);
    }

    [Fact]
    public async Task Should_List_Terminated_Instances_With_Their_Reason()
    {
        // Given
        var id = (await api.CallAsync("ec2", "RunInstances", ("ImageId", aws.BaseImageId), ("MinCount", "1"), ("MaxCount", "1"))).One("instanceId");

        // When
        await api.CallAsync("ec2", "TerminateInstances", ("InstanceId.1", id));
        await aws.TickAsync();
        var described = await api.CallAsync("ec2", "DescribeInstances", ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "terminated"));

        // Then
        Assert.Equal(id, described.One("instanceId"));
        Assert.Equal("Client.UserInitiatedShutdown", described.All("stateReason").Single().Element(described.Name.Namespace + "code")!.Value);
    }
}
