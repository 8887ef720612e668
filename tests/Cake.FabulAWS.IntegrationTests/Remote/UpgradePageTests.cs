using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.Upgrade;
using NSubstitute;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class UpgradePageTests : IAsyncLifetime
{
    private SshHosts hosts = null!;
    private CapturingLog log = null!;
    private ICakeContext context = null!;

    public async Task InitializeAsync()
    {
        hosts = await SshHosts.StartAsync(3);
        log = new CapturingLog();
        context = TestContext.Create(log, hosts.Root.FullName);
        await File.WriteAllTextAsync(Path.Combine(hosts.Root.FullName, "upgrade.html"), "<h1>Upgrade in progress</h1>");
        await File.WriteAllTextAsync(Path.Combine(hosts.Root.FullName, "healthcheck.html"), "OK");
    }

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Show_Then_Remove_The_Page_On_Every_Web_Server()
    {
        // Given
        var settings = Settings();

        // When
        await context.FabulAwsBeginUpgradeAsync(settings);
        await context.FabulAwsBeginUpgradeAsync(settings); // idempotent
        var shown = await context.FabulAwsVerifyUpgradePageAsync(settings, expectShown: true);
        var contents = Enumerable.Range(0, 3).Select(i => (File.ReadAllText(Page(i)), File.ReadAllText(Health(i)))).ToList();
        await context.FabulAwsEndUpgradeAsync(settings);
        await context.FabulAwsEndUpgradeAsync(settings); // idempotent
        var removed = await context.FabulAwsVerifyUpgradePageAsync(settings, expectShown: false);

        // Then
        Assert.All(contents, c => Assert.Equal(("<h1>Upgrade in progress</h1>", "OK"), c));
        Assert.Equal(3, shown.Hosts.Count);
        Assert.True(shown.IsConsistent);
        Assert.True(removed.IsConsistent);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Empty(Directory.GetFiles(Path.Combine(hosts.Home(i), "www/static"))));
    }

    [Fact]
    public async Task Should_Never_Overwrite_Or_Delete_A_File_It_Did_Not_Place()
    {
        // Given: static_root pointed at the application's own web root, which has its own health check
        var settings = Settings();
        Directory.CreateDirectory(Path.GetDirectoryName(Health(1))!);
        File.WriteAllText(Health(1), "the app's own health check");

        // When
        var begin = await Assert.ThrowsAsync<RemoteCommandException>(() => context.FabulAwsBeginUpgradeAsync(settings));
        await context.FabulAwsEndUpgradeAsync(settings);

        // Then: host 1 refused before any upload, and ending removed nothing of the application's
        Assert.Equal([hosts.Hosts[1]], begin.Failures.Select(f => f.Host));
        Assert.Contains($"{hosts.Home(1)}/www/static/healthcheck.html exists and was not placed by a deploy: static_root must be a folder of its own", begin.Message);
        Assert.Equal("the app's own health check", File.ReadAllText(Health(1)));
        Assert.False(File.Exists(Page(1)));
    }

    [Fact]
    public async Task Should_Report_The_Hosts_That_Differ()
    {
        // Given
        var settings = Settings();
        await context.FabulAwsBeginUpgradeAsync(settings);
        File.Delete(Page(1));

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => context.FabulAwsVerifyUpgradePageAsync(settings, expectShown: true));

        // Then
        Assert.Equal($"upgrade page expected shown, but differs on: {hosts.Hosts[1].Address} has [~/www/static/healthcheck.html], lacks [~/www/static/upgrade_message.html]", error.Message);
    }

    [Fact]
    public async Task Should_Not_Leave_A_Health_Check_Override_When_Not_Staying_Healthy()
    {
        // Given
        await context.FabulAwsBeginUpgradeAsync(Settings());

        // When
        await context.FabulAwsBeginUpgradeAsync(Settings() with { StayHealthy = false });
        var report = await context.FabulAwsVerifyUpgradePageAsync(Settings() with { StayHealthy = false }, expectShown: true);

        // Then
        Assert.True(report.IsConsistent);
        Assert.All(Enumerable.Range(0, 3), i => Assert.False(File.Exists(Health(i))));
    }

    [Fact]
    public async Task Should_Find_The_Web_Servers_In_The_Auto_Scaling_Group()
    {
        // Given
        var groups = Substitute.For<IAutoScalingGroups>();
        var instances = Substitute.For<IInstances>();
        var members = hosts.Hosts.Select((h, i) => new GroupInstance(h.InstanceId!, i == 2 ? "Pending" : "InService", "Healthy", "us-east-1a", null, "t3.micro")).ToList();
        groups.FindGroupAsync("web-asg", Arg.Any<CancellationToken>()).Returns(new AutoScalingGroup("web-asg", 1, 4, 2, null, members, [], [], [], [], new Dictionary<string, string>(), "ELB", 300, ["us-east-1a"]));
        instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call =>
            call.Arg<IEnumerable<string>>().Select(id => hosts.Hosts.Single(h => h.InstanceId == id)).Select(h => new Ec2Instance(h.InstanceId!, "running", h.Address, null, null, null, "ami-1", null, new Dictionary<string, string>())).ToList());
        var settings = Settings() with { Hosts = null, Ports = new RemotePorts(instances, groups, Substitute.For<IGitRepository>()) };

        // When
        var results = await context.FabulAwsBeginUpgradeAsync(settings);

        // Then
        Assert.Equal(hosts.Hosts.Take(2), results.Select(r => r.Host));
        Assert.True(File.Exists(Page(0)));
        Assert.False(File.Exists(Page(2)));
    }

    private string Page(int i) => Path.Combine(hosts.Home(i), "www/static/upgrade_message.html");

    private string Health(int i) => Path.Combine(hosts.Home(i), "www/static/healthcheck.html");

    private UpgradePageSettings Settings() => new()
    {
        Deployment = "myproject",
        Environment = "staging",
        Ssh = hosts.Settings(),
        Ports = new RemotePorts(Substitute.For<IInstances>(), Substitute.For<IAutoScalingGroups>(), Substitute.For<IGitRepository>()),
        Hosts = hosts.Hosts,
        AutoScalingGroupName = "web-asg",
        StaticRoot = "~/www/static",
        UpgradeMessageFile = "upgrade.html",
        HealthcheckOverrideFile = "healthcheck.html",
    };
}
