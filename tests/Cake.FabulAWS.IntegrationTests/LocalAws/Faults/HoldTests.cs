using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;
using LocalAws.Faults;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Faults;

/// <summary>A call held mid-flight, as a deploy process killed in the middle of a call leaves it: applied or not, answered or not.</summary>
public sealed class HoldTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { Tick = TimeSpan.Zero });
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
        await Deployments.CreateGroupAsync(api, "web", 0, healthCheckType: "EC2");
    }

    public async Task DisposeAsync()
    {
        aws.Faults.Release();
        api.Dispose();
        await aws.DisposeAsync();
    }

    private int Desired => aws.Inspect(s => s.Groups["web"].DesiredCapacity);

    private Task<(int Status, System.Xml.Linq.XElement Xml)> SetDesiredAsync(int desired, CancellationToken cancellationToken = default) =>
        api.SendAsync("autoscaling", "SetDesiredCapacity", cancellationToken, ("AutoScalingGroupName", "web"), ("DesiredCapacity", $"{desired}"));

    private Task NoneHeldAsync() => aws.WaitUntilAsync(_ => aws.Faults.HeldCount == 0, Patience, "no call held");

    [Fact]
    public async Task Should_Apply_A_Held_Call_At_Once_And_Answer_It_Only_On_Release()
    {
        // Given
        var arrived = aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Apply);

        // When
        var call = SetDesiredAsync(2);
        await arrived.WaitAsync(Patience);
        var whileHeld = (aws.Faults.HeldCount, Desired, call.IsCompleted);
        aws.Faults.Release();
        var (status, _) = await call.WaitAsync(Patience);

        // Then
        Assert.Equal((1, 2, false), whileHeld);
        Assert.Equal(200, status);
        Assert.Equal(0, aws.Faults.HeldCount);
    }

    [Fact]
    public async Task Should_Never_Apply_A_Dropped_Call_Whose_Client_Went_Away_And_Let_The_Next_One_Through()
    {
        // Given
        var arrived = aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Drop);
        using var client = new CancellationTokenSource();

        // When
        var call = SetDesiredAsync(2, client.Token);
        await arrived.WaitAsync(Patience);
        var whileHeld = (aws.Faults.HeldCount, Desired);
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await NoneHeldAsync();
        var afterDisconnect = Desired;
        var (next, _) = await SetDesiredAsync(3);

        // Then
        Assert.Equal((1, 0), whileHeld);
        Assert.Equal(0, afterDisconnect);
        Assert.Equal((200, 3), (next, Desired));
    }

    [Fact]
    public async Task Should_Close_A_Dropped_Call_Unanswered_On_Release()
    {
        // Given
        var arrived = aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Drop);

        // When
        var call = SetDesiredAsync(2);
        await arrived.WaitAsync(Patience);
        aws.Faults.Release();
        var error = await Record.ExceptionAsync(() => call.WaitAsync(Patience));

        // Then
        Assert.IsType<HttpRequestException>(error);
        Assert.Equal(0, Desired);
        Assert.Equal(0, aws.Faults.HeldCount);
    }

    [Fact]
    public async Task Should_Have_Applied_A_Held_Call_When_Awscli_Gives_Up_Waiting_For_Its_Answer()
    {
        // Given
        var arrived = aws.Faults.HoldNext("SetDesiredCapacity", HoldMode.Apply);
        var cli = new AwsCli(aws.Endpoint);

        // When
        var run = cli.TryAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "2", "--cli-read-timeout", "1");
        await arrived.WaitAsync(Patience);
        var result = await run;
        await NoneHeldAsync();

        // Then
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read timeout", result.Error);
        Assert.Equal(2, Desired);
    }
}
