using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class UpgradePageTests : IAsyncLifetime
{
    private SshHosts hosts = null!;
    private SshEnvironment environment = null!;
    private ICakeContext context = null!;

    public async Task InitializeAsync()
    {
        hosts = await SshHosts.StartAsync(3);
        environment = new SshEnvironment(hosts, new CapturingLog(), "static_root: ~/www/static");
        context = environment.Context();
    }

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Show_Then_Remove_The_Page_On_Every_Web_Server()
    {
        // When
        await context.FabulAwsBeginUpgradeAsync(environment.Target);
        await context.FabulAwsBeginUpgradeAsync(environment.Target); // idempotent
        var shown = await context.FabulAwsVerifyUpgradePageAsync(environment.Target, expectShown: true);
        var contents = Enumerable.Range(0, 3).Select(i => (File.ReadAllText(Page(i)), File.ReadAllText(Health(i)))).ToList();
        await context.FabulAwsEndUpgradeAsync(environment.Target);
        await context.FabulAwsEndUpgradeAsync(environment.Target); // idempotent
        var removed = await context.FabulAwsVerifyUpgradePageAsync(environment.Target, expectShown: false);

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
        Directory.CreateDirectory(Path.GetDirectoryName(Health(1))!);
        File.WriteAllText(Health(1), "the app's own health check");

        // When
        var begin = await Assert.ThrowsAsync<RemoteCommandException>(() => context.FabulAwsBeginUpgradeAsync(environment.Target));
        await context.FabulAwsEndUpgradeAsync(environment.Target);

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
        await context.FabulAwsBeginUpgradeAsync(environment.Target);
        File.Delete(Page(1));

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => context.FabulAwsVerifyUpgradePageAsync(environment.Target, expectShown: true));

        // Then
        Assert.Equal($"upgrade page expected shown, but differs on: {hosts.Hosts[1].Address} has [~/www/static/healthcheck.html], lacks [~/www/static/upgrade_message.html]", error.Message);
    }

    [Fact]
    public async Task Should_Work_On_The_In_Service_Instances_Of_The_Group_Only()
    {
        // Given
        environment.WebMembers = [hosts.Hosts[0].InstanceId!, hosts.Hosts[1].InstanceId!];

        // When
        var results = await context.FabulAwsBeginUpgradeAsync(environment.Target);

        // Then
        Assert.Equal(hosts.Hosts.Take(2), results.Select(r => r.Host));
        Assert.True(File.Exists(Page(0)));
        Assert.False(File.Exists(Page(2)));
    }

    private string Page(int i) => Path.Combine(hosts.Home(i), "www/static/upgrade_message.html");

    private string Health(int i) => Path.Combine(hosts.Home(i), "www/static/healthcheck.html");
}
