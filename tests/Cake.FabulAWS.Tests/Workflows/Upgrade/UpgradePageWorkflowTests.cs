using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Tests.Workflows.Upgrade;

public sealed class UpgradePageWorkflowTests
{
    private static readonly RemoteHost[] Web = [new("10.0.0.1", "i-1"), new("10.0.0.2", "i-2")];
    private readonly FakeFiles files = new();

    [Fact]
    public async Task Should_Upload_Page_And_Override_To_Every_Web_Server()
    {
        // Given
        var remote = new FakeRemote();
        var settings = Files();

        // When
        await new UpgradePageWorkflow(remote, files, new CapturingLog()).BeginAsync(Web, settings);

        // Then
        Assert.Equal(4, remote.Operations.Count);
        Assert.Equal(["open 10.0.0.1,10.0.0.2", "upload ~/www/static/upgrade_message.html,~/www/static/healthcheck.html", "close"], remote.Operations.Where(o => !o.StartsWith("run ", StringComparison.Ordinal)));
        Assert.Equal("run " + UpgradePageCommands.Claim(settings, ["upgrade_message.html", "healthcheck.html"]).RenderSafe(), remote.Operations[1]);
        Assert.Equal("<h1>upgrade</h1>", System.Text.Encoding.UTF8.GetString(remote.Uploads[0].Content.Span));
    }

    [Fact]
    public async Task Should_Remove_A_Stale_Override_It_Placed_When_Not_Staying_Healthy()
    {
        // Given
        var remote = new FakeRemote();

        // When
        await new UpgradePageWorkflow(remote, files, new CapturingLog()).BeginAsync(Web, Files() with { StayHealthy = false });

        // Then
        var settings = Files();
        Assert.Equal(
            [
                "open 10.0.0.1,10.0.0.2",
                "run " + UpgradePageCommands.Claim(settings, ["upgrade_message.html"]).RenderSafe(),
                "upload ~/www/static/upgrade_message.html",
                "run " + UpgradePageCommands.Remove(settings, ["healthcheck.html"]).RenderSafe(),
                "close",
            ],
            remote.Operations);
    }

    [Fact]
    public async Task Should_Name_The_Missing_Local_Page_Before_Connecting()
    {
        // Given
        var remote = new FakeRemote();
        var settings = Files() with { UpgradeMessageFile = "/srv/myproject/missing.html" };

        // When
        var error = await Record.ExceptionAsync(() => new UpgradePageWorkflow(remote, files, new CapturingLog()).BeginAsync(Web, settings));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.StartsWith($"static_html.upgrade_message: the file '{settings.UpgradeMessageFile}' does not exist.", error.Message);
        Assert.Empty(remote.Operations);
    }

    [Fact]
    public async Task Should_Remove_Both_Files_On_End()
    {
        // Given
        var remote = new FakeRemote();

        // When
        await new UpgradePageWorkflow(remote, files, new CapturingLog()).EndAsync(Web, Files());

        // Then
        Assert.Equal(["open 10.0.0.1,10.0.0.2", "run " + UpgradePageCommands.Remove(Files()).RenderSafe(), "close"], remote.Operations);
    }

    [Fact]
    public async Task Should_Report_Hosts_That_Differ_From_The_Expectation()
    {
        // Given
        var remote = new FakeRemote { Files = h => h.Address == "10.0.0.2" ? ["~/www/static/upgrade_message.html"] : ["~/www/static/upgrade_message.html", "~/www/static/healthcheck.html"] };

        // When
        var shown = await new UpgradePageWorkflow(remote, files, new CapturingLog()).VerifyAsync(Web, Files(), expectShown: true);
        var absent = await new UpgradePageWorkflow(remote, files, new CapturingLog()).VerifyAsync(Web, Files(), expectShown: false);
        var pageOnly = await new UpgradePageWorkflow(remote, files, new CapturingLog()).VerifyAsync(Web, Files() with { StayHealthy = false }, expectShown: true);

        // Then
        Assert.Equal(["10.0.0.2"], shown.Differing.Select(h => h.Host.Address));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], absent.Differing.Select(h => h.Host.Address));
        Assert.Equal(["10.0.0.1"], pageOnly.Differing.Select(h => h.Host.Address));
        Assert.Equal("upgrade page expected shown, but differs on: 10.0.0.2 has [~/www/static/upgrade_message.html], lacks [~/www/static/healthcheck.html]", shown.ToString());
    }

    [Fact]
    public async Task Should_Connect_Nowhere_Without_Web_Servers()
    {
        // Given
        var remote = new FakeRemote();
        var log = new CapturingLog();

        // When
        var results = await new UpgradePageWorkflow(remote, files, log).EndAsync([], Files());

        // Then
        Assert.Empty(results);
        Assert.Empty(remote.Operations);
        Assert.Contains("end_upgrade: no web servers to remove the upgrade page from.", log.Lines);
    }

    private UpgradePageSettings Files()
    {
        var settings = FakeRemote.UpgradeSettings();
        files.Add(settings.UpgradeMessageFile, "<h1>upgrade</h1>", "644");
        files.Add(settings.HealthcheckOverrideFile, "OK", "644");
        return settings;
    }
}
