using System.Text.RegularExpressions;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>DeployFull through the pipeline against LocalAws with real hosts, while a user polls the site.</summary>
public sealed class DeployFullTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync() => app = await AppEnvironment.StartAsync(instances: 2);

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>Each answer as a letter: A the old version, P the upgrade page (503), B the new version, X anything else.</summary>
    /// <summary>
    /// Old version, then the upgrade page, then only the new version. The page goes up and comes down host by host,
    /// so at each edge of the window a user may meet both for a moment; never the old version after the new one.
    /// </summary>
    internal const string Window = "^A+[AP]*P[PB]*B+$";

    internal static string Letters(IEnumerable<SiteAnswer> answers) => string.Concat(answers.Select(Letter));

    internal static char Letter(SiteAnswer a) =>
        a.Status == 200 && a.Body.Contains("demo v1", StringComparison.Ordinal) ? 'A'
        : a.Status == 503 && a.Body.Contains("We are upgrading the site", StringComparison.Ordinal) ? 'P'
        : a.Status == 200 && a.Body.Contains("demo v2", StringComparison.Ordinal) ? 'B'
        : 'X';

    [Fact]
    public async Task Should_Show_The_Upgrade_Page_Only_Between_The_Old_And_The_New_Version()
    {
        // Given
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).ToList());
        (int ExitCode, string Log) result;
        string seen;
        List<SiteAnswer> answers;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50)))
        {
            // When
            result = await app.CakeAsync("DeployFull");
            answers = [.. user.Answers];
            seen = Letters(answers);
        }

        // Then
        output.WriteLine(result.Log);
        output.WriteLine(seen);
        Assert.True(result.ExitCode == 0, result.Log);
        Assert.True(Regex.IsMatch(seen, Window), $"the user saw {Regex.Replace(seen, "(.)\\1+", "$1+")} (A old, P upgrade page, B new, X other)\n{string.Join('\n', answers.Where(a => Letters([a]) == "X").Take(5).Select(a => $"{a.At.TotalSeconds:0.00} s: {a.Status} {a.Body[..Math.Min(120, a.Body.Length)]}"))}");
        var (members, sizes, suspended, version) = App();
        Assert.Equal((2, 8, 2), sizes);
        Assert.Empty(suspended);
        Assert.Equal("2", version);
        Assert.Equal(2, members.Count);
        Assert.Empty(members.Intersect(old));
        Assert.All(old, id => Assert.Contains(app.Inspect(s => s.Instances[id].State), new[] { "shutting-down", "terminated" }));
        Assert.All(members, id => Assert.False(File.Exists(Path.Combine(app.Inspect(s => s.Instances[id].HomeDirectory!), "services", "nginx", "html", "upgrade_message.html"))));
    }

    private (List<string> InService, (int, int, int) Sizes, List<string> Suspended, string Version) App() => app.Inspect(s =>
    {
        var group = s.Groups[AppEnvironment.Group];
        return (group.Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).ToList(), (group.MinSize, group.MaxSize, group.DesiredCapacity), group.SuspendedProcesses.Keys.ToList(), group.LaunchTemplate!.Version);
    });
}

/// <summary>DeployFull behind a target group with a long deregistration delay (the drain).</summary>
public sealed class DeployFullBehindATargetGroupTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 2, targetGroup: true);
        await app.Api.CallAsync("elbv2", "ModifyTargetGroupAttributes", ("TargetGroupArn", app.TargetGroupArn!), ("Attributes.member.1.Key", "deregistration_delay.timeout_seconds"), ("Attributes.member.1.Value", "400"));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Take_The_Upgrade_Page_Down_While_The_Old_Instances_Drain()
    {
        // Given: a draining target gets no new requests, so the page need not wait for the deregistration delay
        var old = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Select(m => m.InstanceId).ToList());
        string? Draining() => app.Inspect(s => old.Any(id => s.TargetGroups[app.TargetGroupArn!].Targets.TryGetValue(id, out var t) && t.State == "draining") ? "old draining" : null);
        (int ExitCode, string Log) result;
        IReadOnlyList<SiteAnswer> answers;
        await using (var user = new SitePoller(app.Site, TimeSpan.FromMilliseconds(50), Draining))
        {
            // When
            result = await app.CakeAsync("DeployFull");
            answers = user.Answers;
        }

        // Then
        output.WriteLine(result.Log);
        var seen = DeployFullTargetTests.Letters(answers);
        output.WriteLine(seen);
        Assert.True(result.ExitCode == 0, result.Log);
        Assert.Matches(new Regex(DeployFullTargetTests.Window), seen);
        Assert.Equal("old draining", answers.First(a => DeployFullTargetTests.Letter(a) == 'B').Note);
        Assert.All(old, id => Assert.False(app.Inspect(s => s.TargetGroups[app.TargetGroupArn!].Targets.ContainsKey(id))));
        Assert.All(old, id => Assert.Contains(app.Inspect(s => s.Instances[id].State), new[] { "shutting-down", "terminated" }));
    }
}

/// <summary>DeployFull of a group without instances (a new environment's): the sizes come from group_settings, as num_web did in FabulAWS.</summary>
public sealed class DeployFullEmptyGroupTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(instances: 0);
        app.Config["group_settings"] = "{min_size: 1, desired_capacity: 3, max_size: 6}";
        await app.WriteConfigAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Should_Bring_An_Empty_Group_To_The_Configured_Sizes_Serving_The_New_Version()
    {
        // When
        var (exitCode, log) = await app.CakeAsync("DeployFull");
        output.WriteLine(log);

        // Then
        Assert.True(exitCode == 0, log);
        Assert.Contains("has no instances: it gets 3 (group_settings: min 1, max 8, desired 3)", log);
        var (sizes, inService, version) = app.Inspect(s =>
        {
            var group = s.Groups[AppEnvironment.Group];
            return ((group.MinSize, group.MaxSize, group.DesiredCapacity), group.Members.Count(m => m.Lifecycle == "InService"), group.LaunchTemplate!.Version);
        });
        Assert.Equal(((1, 8, 3), 3, "2"), (sizes, inService, version));
        await app.Aws.WaitUntilAsync(s => s.LoadBalancers[AppEnvironment.LoadBalancer].Instances.Values.Count(h => h.State == "InService") == 3, TimeSpan.FromSeconds(30), "3 instances in service behind the load balancer");
        using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("<h1>demo v2</h1>", await http.GetStringAsync(app.Site));
    }
}
