using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Remote;
using Cake.FabulAWS.Tests.Support;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.UpdateServerPasswords;

public sealed class UpdateServerPasswordsWorkflowTests
{
    private const string Directory = "/srv/myproject";
    private static readonly RemoteHost[] Servers = [new("10.0.0.1", "i-1"), new("10.0.0.2", "i-2")];
    private readonly IGitRepository git = Substitute.For<IGitRepository>();
    private readonly FakeRemote remote = new();
    private readonly FakeFiles files = new();

    [Fact]
    public async Task Should_Push_The_Named_Secrets_To_Every_Server()
    {
        // Given
        Write("fabsecrets_staging.yml", "database_password: one\napi_key: two\nunused: three\n");

        // When
        await RunAsync("database_password", "api_key");

        // Then
        Assert.Equal(["open 10.0.0.1,10.0.0.2", "secrets ~/secrets/ database_password,api_key", "close"], remote.Operations);
        Assert.Equal(["one", "two"], remote.SecretWrites[0].Secrets.Select(s => s.Value.Reveal()));
    }

    [Fact]
    public async Task Should_Read_FabulAws_Python_Secrets_When_There_Is_No_Yaml()
    {
        // Given
        Write("fabsecrets_staging.py", "database_password = 'one'\n");

        // When
        await RunAsync("database_password");

        // Then
        Assert.Equal("one", remote.SecretWrites[0].Secrets[0].Value.Reveal());
    }

    [Fact]
    public async Task Should_List_Every_Missing_Secret_Before_Touching_A_Host()
    {
        // Given
        var path = Write("fabsecrets_staging.yml", "database_password: one\n");

        // When
        var error = await Record.ExceptionAsync(() => RunAsync("smtp_password", "database_password", "api_key"));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.Equal($"{path} lacks 2 secret(s) named in password_names: smtp_password, api_key. Add them; no server was changed.", error.Message);
        Assert.Empty(remote.Operations);
    }

    [Fact]
    public async Task Should_Refuse_A_File_Git_Tracks()
    {
        // Given
        var path = Write("fabsecrets_staging.yml", "database_password: hunter2\n");
        git.IsTrackedAsync(path, Arg.Any<CancellationToken>()).Returns(true);

        // When
        var error = await Record.ExceptionAsync(() => RunAsync("database_password"));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.Equal($"Refusing to read {path}: git tracks it, so its secrets are in the repository history. Run `git rm --cached {path}`, add its name to .gitignore, and rotate the secrets it holds.", error.Message);
        Assert.Empty(remote.Operations);
    }

    [Theory]
    [InlineData("640")]
    [InlineData("604")]
    [InlineData("620")]
    public async Task Should_Refuse_A_File_Others_Can_Access(string mode)
    {
        // Given
        var path = Write("fabsecrets_staging.yml", "database_password: hunter2\n", mode);

        // When
        var error = await Record.ExceptionAsync(() => RunAsync("database_password"));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.Equal($"Refusing to read {path}: other users can access it (mode {mode}). Run `chmod 600 {path}`.", error.Message);
        Assert.Empty(remote.Operations);
    }

    [Fact]
    public async Task Should_Say_Where_It_Looked_When_There_Is_No_Secrets_File()
    {
        // When
        var error = await Record.ExceptionAsync(() => RunAsync("database_password"));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.StartsWith($"No secrets file for 'staging': looked for {Directory}/fabsecrets_staging.yml and {Directory}/fabsecrets_staging.py.", error.Message);
    }

    [Fact]
    public async Task Should_Refuse_Names_That_Cannot_Be_File_Names()
    {
        // Given
        Write("fabsecrets_staging.yml", "database_password: one\n");

        // When
        var error = await Record.ExceptionAsync(() => RunAsync("database_password", "../../etc/passwd"));

        // Then
        Assert.IsType<CakeException>(error);
        Assert.StartsWith("password_names: '../../etc/passwd' cannot be file names on the servers", error.Message);
        Assert.Empty(remote.Operations);
    }

    [Fact]
    public async Task Should_Refuse_An_Empty_List_Of_Names()
    {
        // When
        var error = await Record.ExceptionAsync(() => RunAsync());

        // Then
        Assert.IsType<CakeException>(error);
        Assert.Equal("password_names is empty: list the secrets to push in fabulaws-config.yml.", error.Message);
    }

    [Fact]
    public async Task Should_Never_Log_A_Value()
    {
        // Given
        Write("fabsecrets_staging.yml", "database_password: hunter2-value\n");
        var log = new CapturingLog();

        // When
        await new UpdateServerPasswordsWorkflow(remote, git, files, log).RunAsync(Servers, FakeRemote.PasswordSettings(Directory, "database_password"));

        // Then
        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, l => Assert.DoesNotContain("hunter2", l));
    }

    private Task<IReadOnlyList<HostResult>> RunAsync(params string[] names) =>
        new UpdateServerPasswordsWorkflow(remote, git, files, new CapturingLog()).RunAsync(Servers, FakeRemote.PasswordSettings(Directory, names));

    private string Write(string name, string content, string mode = "600") => files.Add($"{Directory}/{name}", content, mode);
}
