namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>DeploySerial through the pipeline against LocalAws with real hosts, while a user polls the site.</summary>
public abstract class DeploySerialTargetTests(bool targetGroup, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private protected AppEnvironment App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppEnvironment.StartAsync(instances: 4, targetGroup: targetGroup);
        App.Config["smoke_check"] = $"{{local: {{path: /, status: 200, contains: demo, url: '{App.Site}'}}}}";
        await App.WriteConfigAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Should_Replace_Every_Instance_Without_A_Failed_Request()
    {
        // Given
        var before = App.Inspect(s => (s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).ToList(), s.Groups[AppEnvironment.Group].MinSize, s.Groups[AppEnvironment.Group].MaxSize, s.Groups[AppEnvironment.Group].DesiredCapacity));
        await App.Api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", AppEnvironment.Group), ("ScalingProcesses.member.1", "ScheduledActions"));
        (int, string) result;
        IReadOnlyList<SiteAnswer> answers;
        await using (var user = new SitePoller(App.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await App.CakeAsync("DeploySerial");
            answers = user.Answers;
        }

        // Then
        output.WriteLine(result.Item2);
        Assert.True(result.Item1 == 0, result.Item2);
        Assert.DoesNotContain(answers, a => !a.Ok);
        Assert.Contains(answers, a => a.Body.Contains("demo v1", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Body.Contains("demo v2", StringComparison.Ordinal));
        var (members, min, max, desired, suspended, version) = App.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return (group.Members.Where(m => m.Lifecycle == "InService").ToList(), group.MinSize, group.MaxSize, group.DesiredCapacity, group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version);
        });
        Assert.Equal((before.MinSize, before.MaxSize, before.DesiredCapacity), (min, max, desired));
        Assert.Equal(["ScheduledActions"], suspended);
        Assert.Equal("2", version);
        Assert.Equal(4, members.Count);
        Assert.All(members, m => Assert.Equal("2", m.LaunchTemplate!.Version));
        Assert.Empty(members.Select(m => m.InstanceId).Intersect(before.Item1));
        Assert.Contains("DeploySerial done in", result.Item2);
        Assert.Empty(App.Inspect(s => s.Groups[AppEnvironment.Group].Tags.Where(t => t.Key.StartsWith("fabulaws:deploy:", StringComparison.Ordinal)).ToList()));
    }
}

public sealed class DeploySerialBehindAClassicLoadBalancerTests(Xunit.Abstractions.ITestOutputHelper output) : DeploySerialTargetTests(targetGroup: false, output);

public sealed class DeploySerialBehindATargetGroupTests(Xunit.Abstractions.ITestOutputHelper output) : DeploySerialTargetTests(targetGroup: true, output);
