using System.Net.Http;
using System.Text.RegularExpressions;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// CreateEnvironment through the pipeline against LocalAws with real instance hosts: an environment <c>testing</c>
/// with only its load balancer, built from nothing (servers by role, the template, the group, the web tier).
/// </summary>
public sealed class CreateEnvironmentTargetTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Roles = ["db-primary", "db-replica", "cache", "worker"];
    private AppEnvironment app = null!;

    public async Task InitializeAsync()
    {
        app = await AppEnvironment.StartAsync(environment: "testing", group: false);
        app.Config["avail_zones"] = "[a, b]";
        app.Config["instance_types"] = "{web: t3.micro, worker: t3.micro, db-primary: t3.small, db-replica: t3.small, cache: t3.micro}";
        app.Config["servers"] = "{db-primary: 1, db-replica: 1, cache: 1, worker: 1}";
        app.Config["password_names"] = "[demo_secret_key]";
        app.Config["deploy_worker_commands"] = "['echo migrated {{commit}} >> ~/migrations.txt']";
        app.Config["group_settings"] = "{min_size: 2, max_size: 4, desired_capacity: 2, health_check_grace_period: 60}";
        RoleCommands("echo cache of {{environment}} > ~/role.txt");
        await app.WriteConfigAsync();
        var secrets = Path.Combine(app.Repository, "fabsecrets_testing.yml");
        await File.WriteAllTextAsync(secrets, "demo_secret_key: s3cr3t-of-testing\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string LogDirectory => Path.Combine(app.Repository, "fabulaws-logs", "testing");

    [Fact]
    public async Task Should_Build_The_Whole_Environment_Then_Refuse_A_Second_Run_Listing_Its_Servers()
    {
        // Given
        var commit = await app.HeadAsync();

        // When
        var (exitCode, log) = await app.CakeAsync("CreateEnvironment");
        output.WriteLine(log);

        // Then: one server per role, tagged, in the zones in turn, provisioned, with the secret
        Assert.True(exitCode == 0, log);
        var servers = RoleServers();
        Assert.Equal(Roles.Order(), servers.Select(s => s.Role).Order());
        Assert.All(servers, s => Assert.Equal(("running", "demo", $"demo_testing_{s.Role}"), (s.State, s.Tags["deployment"], s.Tags["Name"])));
        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"], Roles.Select(r => servers.Single(s => s.Role == r).Zone));
        Assert.Equal("primary of testing", (await File.ReadAllTextAsync(Path.Combine(Home("db-primary"), "role.txt"))).Trim());
        Assert.Equal("cache of testing", (await File.ReadAllTextAsync(Path.Combine(Home("cache"), "role.txt"))).Trim());
        Assert.Equal(commit, (await File.ReadAllTextAsync(Path.Combine(Home("worker"), "worker-commit.txt"))).Trim());
        Assert.All(Roles, r => Assert.Equal("s3cr3t-of-testing", File.ReadAllText(Path.Combine(Home(r), "secrets", "demo_secret_key"))));
        Assert.Equal($"migrated {commit}", (await File.ReadAllTextAsync(Path.Combine(Home("worker"), "migrations.txt"))).Trim());
        Assert.DoesNotContain("s3cr3t-of-testing", log);

        // And: the template of the base image and its release version, the group on it behind the load balancer
        var (versions, group) = app.Inspect(s => (s.LaunchTemplates.Values.Single(t => t.Name == AppEnvironment.Template).Versions.Select(v => v.Data.ImageId).ToList(), s.Groups[AppEnvironment.Group]));
        Assert.Equal(2, versions.Count);
        Assert.Equal(app.Aws.BaseImageId, versions[0]);
        Assert.Equal((AppEnvironment.Template, "2"), (group.LaunchTemplate!.Name, group.LaunchTemplate.Version));
        Assert.Equal((2, 4, 2), (group.MinSize, group.MaxSize, group.DesiredCapacity));
        Assert.Equal([AppEnvironment.LoadBalancer], group.LoadBalancerNames);
        Assert.Equal(("ELB", 60), (group.HealthCheckType, group.HealthCheckGracePeriod));
        Assert.Equal(
            ["Name=demo_testing_web", "deployment=demo", "environment=testing", "role=web"],
            group.Tags.Where(t => t.PropagateAtLaunch).Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal));

        // And: the web tier serves the deployed commit through the load balancer, tagged by propagation
        var web = app.Inspect(s => s.Groups[AppEnvironment.Group].Members.Where(m => m.Lifecycle == "InService").Select(m => s.Instances[m.InstanceId]).ToList());
        Assert.Equal(2, web.Count);
        Assert.All(web, i => Assert.Equal(("web", "testing", "demo"), (i.Tags["role"], i.Tags["environment"], i.Tags["deployment"])));
        Assert.All(web, i => Assert.Equal("s3cr3t-of-testing", File.ReadAllText(Path.Combine(i.HomeDirectory!, "secrets", "demo_secret_key"))));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("<h1>demo v2</h1>", await http.GetStringAsync(app.Site));

        // And: one log file per server, named with the date, environment, role and zone, as FabulAWS did
        foreach (var server in servers)
        {
            var logs = Directory.GetFiles(LogDirectory, $"*_testing_{server.Role}_*.log");
            var file = Assert.Single(logs);
            Assert.Matches($@"^\d{{4}}-\d\d-\d\d_\d\d-\d\d-\d\d_testing_{server.Role}_{server.Zone}\.log$", Path.GetFileName(file));
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains($"launched {server.Id}", text);
            Assert.Contains("ready in", text);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.False(File.Exists(Path.Combine(LogDirectory, $"{server.Id}.log")), $"{server.Role} has a second log");
            Assert.Matches($@"\n  {server.Id} \(\S+, {server.Zone}\)\s+{server.Role}\s+ready\s+{Regex.Escape(file)}", log);
        }

        Assert.Contains($"migrated {commit}", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(LogDirectory, "*_testing_worker_*.log"))));
        Assert.Matches(@"\n  server\s+role\s+state\s+log file", log);
        Assert.All(web, i => Assert.Matches($@"\n  {i.Id} \(\S+, us-east-1\w\)\s+web\s+serving\s+\S+{i.Id}\.log", log));

        // When: a second run
        var instances = app.Inspect(s => s.Instances.Count);
        var (secondExit, secondLog) = await app.CakeAsync("CreateEnvironment");
        output.WriteLine(secondLog);

        // Then: refused, listing every server with its role, address and launch time, and how to terminate them
        Assert.NotEqual(0, secondExit);
        Assert.Contains("CreateEnvironment builds demo/testing from nothing, but 6 of its server(s) still run:", secondLog);
        foreach (var server in servers.Select(s => (s.Role, s.Id)).Concat(web.Select(i => (Role: "web", i.Id))))
        {
            Assert.Matches($@"{server.Id}\s+{server.Role}\s+127\.\d+\.\d+\.\d+\s+running\s+launched \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ", secondLog);
        }

        Assert.Contains($"autoscaling update-auto-scaling-group --auto-scaling-group-name {AppEnvironment.Group} --min-size 0 --desired-capacity 0", secondLog);
        Assert.Contains("ec2 terminate-instances --instance-ids " + string.Join(' ', servers.OrderBy(s => s.Role, StringComparer.Ordinal).Select(s => s.Id)), secondLog);
        Assert.Equal(instances, app.Inspect(s => s.Instances.Count));
    }

    [Fact]
    public async Task Should_Plan_The_Whole_Environment_With_Only_Reads_Then_Make_The_Calls_It_Planned()
    {
        // Given
        var before = app.Aws.Metrics.RequestLog.Count;

        // When
        var (planExit, plan) = await app.CakeAsync("CreateEnvironment", "--plan");
        output.WriteLine(plan);

        // Then: the template, the group, each server with its commands, the bake, DeployFull, the secrets; nothing made
        Assert.True(planExit == 0, plan);
        Assert.Contains("Plan of CreateEnvironment on demo/testing (--plan: nothing is changed; only Describe and Get calls were made):", plan);
        Assert.Matches(@"\d+\. ec2 CreateLaunchTemplate demo-lt version 1: ami-\w+, t3\.micro", plan);
        Assert.Matches(@"\d+\. autoscaling CreateAutoScalingGroup demo-asg on launch template demo-lt version 1, min 0, max 4, desired 0, zones us-east-1a, us-east-1b, behind load balancer 'demo-lb', ELB health checks \(60 s grace\)", plan);
        Assert.Matches(@"\d+\. ec2 RunInstances cache \(us-east-1a\): ami-\w+, t3\.micro, tagged role=cache, Name=demo_testing_cache \(log \S+_testing_cache_us-east-1a\.log\)", plan);
        Assert.Matches(@"\d+\. ssh cache .*echo cache of testing > ~/role\.txt", plan);
        Assert.Matches(@"\d+\. ssh worker upload the secrets demo_secret_key \(\[REDACTED\]\)", plan);
        Assert.Matches(@"\d+\. ec2 CreateLaunchTemplateVersion demo-lt:2: version 1 with the new image only", plan);
        Assert.Matches(@"\d+\. autoscaling UpdateAutoScalingGroup demo-asg MinSize = DesiredCapacity = 2, MaxSize 4 \(2 new instance\(s\) beside the 0 old\)", plan);
        Assert.Matches(@"\d+\. ssh worker \(new\) deploy_worker: .*echo migrated", plan);
        Assert.Matches(@"\d+\. elasticloadbalancing RegisterInstancesWithLoadBalancer demo-lb: the 2 new instance\(s\)", plan);
        Assert.Matches(@"\d+\. ssh 4 new server\(s\) and the web servers UpdateServerPasswords: demo_secret_key \(\[REDACTED\]\)", plan);
        Assert.DoesNotContain("s3cr3t-of-testing", plan);
        Assert.Empty(PlanTests.Writes(app, before));
        Assert.Equal((0, false), app.Inspect(s => (s.Instances.Count(i => i.Value.Tags.GetValueOrDefault("environment") == "testing"), s.Groups.ContainsKey(AppEnvironment.Group))));

        // When: the run itself
        var planned = PlanTests.PlannedActions(plan);
        before = app.Aws.Metrics.RequestLog.Count;
        var (exitCode, log) = await app.CakeAsync("CreateEnvironment");
        output.WriteLine(log);

        // Then: the same changes (servers and bake run at once, so their order interleaves)
        Assert.True(exitCode == 0, log);
        Assert.Equal(planned.Order(StringComparer.Ordinal), PlanTests.Changes(app, before).Order(StringComparer.Ordinal));

        // When: a plan once the servers run
        var (againExit, again) = await app.CakeAsync("CreateEnvironment", "--plan");

        // Then: the refusal is in its preflight
        Assert.NotEqual(0, againExit);
        Assert.Matches(@"PROBLEM  CreateEnvironment would be refused: 6 server\(s\) of demo/testing still run: i-\w+ \(", again);
    }

    [Fact]
    public async Task Should_Finish_The_Other_Servers_When_One_Fails_And_Fail_Naming_Its_Log()
    {
        // Given
        RoleCommands("echo redis will not start >&2; exit 3");
        await app.WriteConfigAsync();

        // When
        var (exitCode, log) = await app.CakeAsync("CreateEnvironment");
        output.WriteLine(log);

        // Then: the other servers are ready, the failed one is listed with its log, the web tier is not deployed
        Assert.NotEqual(0, exitCode);
        var servers = RoleServers();
        Assert.Equal(4, servers.Count);
        var cache = servers.Single(s => s.Role == "cache");
        var cacheLog = Assert.Single(Directory.GetFiles(LogDirectory, "*_testing_cache_us-east-1a.log"));
        Assert.Contains("CreateEnvironment of demo/testing failed: 1 of 4 server(s) failed.", log);
        Assert.Contains($"  cache ({cache.Id}, us-east-1a) at role_provision_commands/cache[0] `echo redis will not start >&2; exit 3`: exited with code 3 (last output: redis will not start)\n    log: {cacheLog}", log);
        Assert.Contains("redis will not start", await File.ReadAllTextAsync(cacheLog));
        Assert.Contains("The web tier was not deployed", log);
        foreach (var role in Roles.Where(r => r != "cache"))
        {
            Assert.Contains("ready in", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(LogDirectory, $"*_testing_{role}_*.log"))));
            Assert.Matches($@"\n  i-\w+ \(\S+, us-east-1\w\)\s+{role}\s+ready\s", log);
        }

        Assert.Matches($@"\n  {cache.Id} \(\S+, us-east-1a\)\s+cache\s+failed\s+{Regex.Escape(cacheLog)}", log);
        Assert.Equal((0, 0), app.Inspect(s => (s.Groups[AppEnvironment.Group].DesiredCapacity, s.Groups[AppEnvironment.Group].Members.Count)));
        Assert.Contains("ec2 terminate-instances --instance-ids", log);
    }

    private void RoleCommands(string cache) => app.Config["role_provision_commands"] =
        $"{{db-primary: ['echo primary of {{{{environment}}}} > ~/role.txt'], db-replica: ['echo replica > ~/role.txt'], cache: ['{cache}'], worker: ['echo {{{{commit}}}} > ~/worker-commit.txt', 'test -s ~/secrets/demo_secret_key']}}";

    private List<(string Role, string Id, string Zone, string State, IReadOnlyDictionary<string, string> Tags)> RoleServers() => app.Inspect(s => s.Instances.Values
        .Where(i => i.Tags.GetValueOrDefault("environment") == "testing" && Roles.Contains(i.Tags.GetValueOrDefault("role")))
        .Select(i => (i.Tags["role"], i.Id, i.AvailabilityZone, i.State, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(i.Tags)))
        .ToList());

    private string Home(string role) => app.Inspect(s => s.Instances.Values.Single(i => i.Tags.GetValueOrDefault("environment") == "testing" && i.Tags.GetValueOrDefault("role") == role).HomeDirectory!);
}
