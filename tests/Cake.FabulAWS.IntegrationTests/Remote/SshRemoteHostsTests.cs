using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class SshRemoteHostsTests : IAsyncLifetime
{
    private SshHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await SshHosts.StartAsync(3);

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Run_On_Every_Host_And_Log_Each_Host_To_Its_Own_Owner_Only_File_Named_By_Instance_Id()
    {
        // Given
        var log = new CapturingLog();
        var remote = new SshRemoteHosts(hosts.Settings(), log);

        // When
        await using var step = await remote.OpenAsync(hosts.Hosts);
        var results = await step.RunAsync(RemoteCommand.From([CommandPart.Argument("echo"), CommandPart.Argument("hello from"), CommandPart.Shell("\"$HOME\"")]));

        // Then
        Assert.Equal(3, results.Count);
        for (var i = 0; i < 3; i++)
        {
            var address = hosts.Hosts[i].Address;
            Assert.Equal(0, results[i].ExitCode);
            Assert.Equal($"hello from {hosts.Home(i)}", results[i].OutputTail);
            Assert.Contains($"[{address}] hello from {hosts.Home(i)}", log.Lines);
            var path = Path.Combine(hosts.LogDirectory, $"{hosts.Hosts[i].InstanceId}.log");
            var file = await File.ReadAllTextAsync(path);
            Assert.Contains($"hello from {hosts.Home(i)}", file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.DoesNotContain("home" + (((i + 1) % 3) + 1), file);
        }
    }

    [Fact]
    public async Task Should_Keep_The_Output_Of_A_Host_With_A_Named_Log_In_That_File_With_The_Notes_About_It()
    {
        // Given
        var log = new LevelLog();
        var remote = new SshRemoteHosts(hosts.Settings(), log);
        var host = hosts.Hosts[0] with { LogName = "2026-12-02_09-00-00_testing_cache_us-east-1a" };
        remote.Note(host, "launched from ami-0base");

        // When
        await using (var step = await remote.OpenAsync([host]))
        {
            await step.RunAsync(RemoteCommand.Shell("echo cache is ready"));
        }

        remote.Note(host, "ready");

        // Then
        var path = Path.Combine(hosts.LogDirectory, "2026-12-02_09-00-00_testing_cache_us-east-1a.log");
        Assert.Equal(path, remote.LogFile(host));
        var lines = (await File.ReadAllLinesAsync(path)).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(["launched from ami-0base", "$ { echo cache is ready; } </dev/null", "cache is ready", "ok in", "ready"], lines.Select(l => l.StartsWith("ok in", StringComparison.Ordinal) ? "ok in" : l));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(Path.Combine(hosts.LogDirectory, $"{host.InstanceId}.log")));
        Assert.Contains((Cake.Core.Diagnostics.Verbosity.Verbose, $"[{host.Address}] cache is ready"), log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Verbosity != Cake.Core.Diagnostics.Verbosity.Verbose);
    }

    [Fact]
    public async Task Should_Write_A_Later_Step_On_The_Same_Instance_To_Its_Named_Log_With_Its_Output_On_The_Console()
    {
        // Given: the workflow named the instance's log; a later step finds the instance again by id (deploy_worker)
        var log = new LevelLog();
        var remote = new SshRemoteHosts(hosts.Settings(), log);
        var named = hosts.Hosts[0] with { LogName = "2026-12-02_09-00-00_testing_worker_us-east-1a" };
        remote.Note(named, "ready");

        // When
        await using (var step = await remote.OpenAsync([hosts.Hosts[0]]))
        {
            await step.RunAsync(RemoteCommand.Shell("echo migrating"));
        }

        // Then
        var path = Path.Combine(hosts.LogDirectory, "2026-12-02_09-00-00_testing_worker_us-east-1a.log");
        Assert.Equal(path, remote.LogFile(hosts.Hosts[0]));
        Assert.Contains("migrating", await File.ReadAllTextAsync(path));
        Assert.False(File.Exists(Path.Combine(hosts.LogDirectory, $"{hosts.Hosts[0].InstanceId}.log")));
        Assert.Contains((Cake.Core.Diagnostics.Verbosity.Normal, $"[{hosts.Hosts[0].Address}] migrating"), log.Lines);
    }

    [Fact]
    public async Task Should_List_Every_Failed_Host_And_Keep_The_Other_Results()
    {
        // Given
        await File.WriteAllTextAsync(Path.Combine(hosts.Home(1), "broken"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(hosts.Home(2), "broken"), string.Empty);
        var remote = new SshRemoteHosts(hosts.Settings(), new CapturingLog());
        await using var step = await remote.OpenAsync(hosts.Hosts);

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => step.RunAsync(RemoteCommand.Shell("if test -e ~/broken; then echo 'it broke'; exit 3; fi")));

        // Then
        Assert.Equal(3, error.Results.Count);
        Assert.True(error.Results[0].Succeeded);
        Assert.Equal([hosts.Hosts[1], hosts.Hosts[2]], error.Failures.Select(f => f.Host));
        Assert.All(error.Failures, f => Assert.Equal(3, f.ExitCode));
        Assert.Contains($"[{hosts.Hosts[1].Address}] exit code 3", error.Message);
        Assert.Contains($"[{hosts.Hosts[2].Address}] exit code 3", error.Message);
        Assert.Contains("it broke", error.Message);
        Assert.StartsWith("2 of 3 host(s) failed", error.Message);
    }

    [Fact]
    public async Task Should_Redact_A_Secret_Argument_Even_When_The_Host_Echoes_It()
    {
        // Given
        var log = new CapturingLog();
        var remote = new SshRemoteHosts(hosts.Settings(), log);
        await using var step = await remote.OpenAsync([hosts.Hosts[0]]);

        // When
        var results = await step.RunAsync(RemoteCommand.From([CommandPart.Argument("echo"), CommandPart.Argument("token:"), CommandPart.SecretArgument(new Secret("tok-5e3d-secret"))]));

        // Then
        Assert.Equal("token: [REDACTED]", results[0].OutputTail);
        Assert.Contains($"[{hosts.Hosts[0].Address}] $ echo token: [REDACTED] </dev/null", log.Lines);
        Assert.Contains($"[{hosts.Hosts[0].Address}] token: [REDACTED]", log.Lines);
        Assert.DoesNotContain("tok-5e3d", log.Text);
        Assert.DoesNotContain("tok-5e3d", await File.ReadAllTextAsync(Path.Combine(hosts.LogDirectory, $"{hosts.Hosts[0].InstanceId}.log")));
    }

    [Fact]
    public async Task Should_Close_Stdin_So_A_Reading_Command_Ends()
    {
        // Given
        var remote = new SshRemoteHosts(hosts.Settings() with { CommandTimeout = TimeSpan.FromSeconds(20) }, new CapturingLog());
        await using var step = await remote.OpenAsync([hosts.Hosts[0]]);

        // When
        var results = await step.RunAsync(RemoteCommand.Shell("cat; echo done"));

        // Then
        Assert.Equal("done", results[0].OutputTail);
    }

    [Fact]
    public async Task Should_Fail_A_Command_That_Outlives_Its_Timeout()
    {
        // Given
        var remote = new SshRemoteHosts(hosts.Settings(), new CapturingLog());
        await using var step = await remote.OpenAsync([hosts.Hosts[0]]);

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => step.RunAsync(RemoteCommand.Of("sleep", "30").WithTimeout(TimeSpan.FromSeconds(1))));

        // Then
        Assert.Contains("timed out after 1 s: sleep 30 </dev/null", error.Message);
    }

    [Fact]
    public async Task Should_Upload_Atomically_Find_And_Remove_Files()
    {
        // Given
        var remote = new SshRemoteHosts(hosts.Settings(), new CapturingLog());
        await using var step = await remote.OpenAsync(hosts.Hosts);
        var paths = new[] { "~/www/static/page.html", "~/www/static/other.html" };

        // When
        await step.UploadAsync([new RemoteUpload(paths[0], "<h1>upgrade</h1>"u8.ToArray())]);
        await step.UploadAsync([new RemoteUpload(paths[0], "<h1>v2</h1>"u8.ToArray())]);
        var afterUpload = await step.FindFilesAsync(paths);
        var content = await File.ReadAllTextAsync(Path.Combine(hosts.Home(2), "www/static/page.html"));
        var leftovers = Directory.GetFiles(Path.Combine(hosts.Home(2), "www/static")).Select(Path.GetFileName);
        await step.RemoveAsync(paths);
        await step.RemoveAsync(paths);
        var afterRemove = await step.FindFilesAsync(paths);

        // Then
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal([paths[0]], afterUpload[i].Present);
            Assert.Equal([paths[1]], afterUpload[i].Missing);
            Assert.Empty(afterRemove[i].Present);
        }

        Assert.Equal("<h1>v2</h1>", content);
        Assert.Equal(["page.html"], leftovers); // no temporary file left behind
        Assert.Empty(Directory.GetFiles(Path.Combine(hosts.Home(0), "www/static")));
    }

    private sealed class LevelLog : Cake.Core.Diagnostics.ICakeLog
    {
        private readonly List<(Cake.Core.Diagnostics.Verbosity Verbosity, string Text)> lines = [];

        public Cake.Core.Diagnostics.Verbosity Verbosity { get; set; } = Cake.Core.Diagnostics.Verbosity.Diagnostic;

        public IReadOnlyList<(Cake.Core.Diagnostics.Verbosity Verbosity, string Text)> Lines
        {
            get { lock (lines) { return [.. lines]; } }
        }

        public void Write(Cake.Core.Diagnostics.Verbosity verbosity, Cake.Core.Diagnostics.LogLevel level, string format, params object[] args)
        {
            lock (lines)
            {
                lines.Add((verbosity, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)));
            }
        }
    }
}
