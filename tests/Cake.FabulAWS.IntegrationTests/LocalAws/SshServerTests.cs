using LocalAws.Hosts;
using Renci.SshNet;

namespace Cake.FabulAWS.IntegrationTests.LocalAws;

public class SshServerTests
{
    [Fact]
    public async Task Should_Serve_Commands_And_Sftp_With_The_Instance_Directory_As_Home()
    {
        // Given
        await LocalUsers.EnsureAsync();
        var dir = Directory.CreateTempSubdirectory("sshserver-");
        File.SetUnixFileMode(dir.FullName, (UnixFileMode)Convert.ToInt32("755", 8)); // sshd reads authorized_keys as the user
        var home = Directory.CreateDirectory(Path.Combine(dir.FullName, "home"));
        File.SetUnixFileMode(home.FullName, (UnixFileMode)Convert.ToInt32("777", 8));
        var clientKey = Path.Combine(dir.FullName, "client");
        await KeyGen.CreateAsync(clientKey);
        var authorizedKeys = Path.Combine(dir.FullName, "authorized_keys");
        File.Copy(clientKey + ".pub", authorizedKeys);
        await using var server = await SshServer.StartAsync(new SshServerOptions("127.0.0.9", 2222, Path.Combine(dir.FullName, "sshd"), authorizedKeys, home.FullName));

        // When
        using var key = new PrivateKeyFile(clientKey);
        using var client = new SshClient("127.0.0.9", 2222, LocalUsers.DeployUser, key);
        await client.ConnectAsync(CancellationToken.None);
        using var command = client.RunCommand("echo hello > ~/greeting && cat ~/greeting </dev/null");
        using var sftp = new SftpClient("127.0.0.9", 2222, LocalUsers.DeployUser, key);
        await sftp.ConnectAsync(CancellationToken.None);
        var uploaded = sftp.ReadAllText("greeting");

        // Then
        Assert.Equal(0, command.ExitStatus);
        Assert.Equal("hello\n", command.Result);
        Assert.Equal("hello\n", uploaded);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(home.FullName, "greeting")));
    }
}
