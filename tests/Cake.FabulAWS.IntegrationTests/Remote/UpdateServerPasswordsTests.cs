using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class UpdateServerPasswordsTests : IAsyncLifetime
{
    private const string DatabasePassword = "pa$$ 'w\"ord' VALUE-7f3a";
    private const string ApiKey = "KEY-9b2c-SECRET";
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly List<(RemoteHost Host, string File, long Length, UnixFileMode Mode)> temporaryFiles = [];
    private SshHosts hosts = null!;
    private CapturingLog log = null!;
    private SshEnvironment environment = null!;

    public async Task InitializeAsync()
    {
        hosts = await SshHosts.StartAsync(3);
        log = new CapturingLog();
        environment = Environment("[database_password, api_key]");
        var secretsFile = Path.Combine(hosts.Root.FullName, "fabsecrets_staging.yml");
        await File.WriteAllTextAsync(secretsFile, $"database_password: 'pa$$ ''w\"ord'' VALUE-7f3a'\napi_key: {ApiKey}\nunused: other\n");
        File.SetUnixFileMode(secretsFile, OwnerOnly);
    }

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Land_Each_Secret_Owner_Only_From_The_First_Byte_Without_A_Trace()
    {
        // Given
        using var watcher = new PermissionWatcher([.. Enumerable.Range(0, 3).Select(hosts.Home)]);

        // When
        var results = await environment.Context().FabulAwsUpdateServerPasswordsAsync(environment.Target);
        await watcher.WaitForFullPassAsync(); // the watcher has seen the final files too
        watcher.Dispose();

        // Then
        Assert.Equal(3, results.Count);
        Assert.Equal(6, temporaryFiles.Count);
        Assert.All(temporaryFiles, t => Assert.Equal((0L, OwnerOnly), (t.Length, t.Mode)));
        for (var i = 0; i < 3; i++)
        {
            var directory = Path.Combine(hosts.Home(i), "secrets");
            Assert.Equal(DatabasePassword, await File.ReadAllTextAsync(Path.Combine(directory, "database_password")));
            Assert.Equal(ApiKey, await File.ReadAllTextAsync(Path.Combine(directory, "api_key")));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(directory, "database_password")));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(directory, "api_key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(["api_key", "database_password"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        }

        Assert.Empty(watcher.Violations);
        Assert.Contains("database_password", watcher.Seen);
        await AssertNoTraceAsync();
    }

    [Fact]
    public async Task Should_Push_To_The_Reachable_Hosts_And_Report_The_Others_Without_A_Trace()
    {
        // Given
        await hosts.Servers[1].DisposeAsync();

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => environment.Context().FabulAwsUpdateServerPasswordsAsync(environment.Target));

        // Then
        Assert.Equal(hosts.Hosts[1], Assert.Single(error.Failures).Host);
        Assert.True(File.Exists(Path.Combine(hosts.Home(0), "secrets", "api_key")));
        Assert.True(File.Exists(Path.Combine(hosts.Home(2), "secrets", "api_key")));
        Assert.DoesNotContain("VALUE-7f3a", error.ToString());
        Assert.DoesNotContain(ApiKey, error.ToString());
        await AssertNoTraceAsync();
    }

    [Fact]
    public async Task Should_List_Every_Missing_Secret_Before_Touching_Any_Host()
    {
        // Given
        var more = Environment("[database_password, smtp_password, api_key, newrelic_license_key]");

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => more.Context().FabulAwsUpdateServerPasswordsAsync(more.Target));

        // Then
        Assert.Equal($"{Path.Combine(hosts.Root.FullName, "fabsecrets_staging.yml")} lacks 2 secret(s) named in password_names: smtp_password, newrelic_license_key. Add them; no server was changed.", error.Message);
        Assert.All(Enumerable.Range(0, 3), i => Assert.False(Directory.Exists(Path.Combine(hosts.Home(i), "secrets"))));
    }

    private async Task AssertNoTraceAsync()
    {
        Assert.DoesNotContain("VALUE-7f3a", log.Text);
        Assert.DoesNotContain(ApiKey, log.Text);
        Assert.Contains("wrote secret database_password (0600)", log.Text);
        foreach (var file in Directory.GetFiles(hosts.LogDirectory))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("VALUE-7f3a", text);
            Assert.DoesNotContain(ApiKey, text);
        }
    }

    private SshEnvironment Environment(string passwordNames) => new(hosts, log, $"password_names: {passwordNames}")
    {
        Adapter = remote => new SshRemoteHosts(hosts.Settings(), log)
        {
            AfterSecretFilesCreated = (host, files) =>
            {
                var home = hosts.Home(hosts.Hosts.ToList().IndexOf(host));
                lock (temporaryFiles)
                {
                    foreach (var file in files)
                    {
                        var local = Path.Combine(home, file[2..]);
                        temporaryFiles.Add((host, local, new FileInfo(local).Length, File.GetUnixFileMode(local)));
                    }
                }

                return Task.CompletedTask;
            },
        },
    };
}
