using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Remote;

public sealed class ConnectionFailureTests : IAsyncLifetime
{
    private SshHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await SshHosts.StartAsync(3);

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Should_Report_A_Stopped_Host_And_Still_Run_On_The_Others()
    {
        // Given
        await hosts.Servers[1].DisposeAsync();
        var remote = new SshRemoteHosts(hosts.Settings(), new CapturingLog());
        await using var step = await remote.OpenAsync(hosts.Hosts);

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => step.RunAsync(RemoteCommand.Of("true")));

        // Then
        var failure = Assert.Single(error.Failures);
        Assert.Equal(hosts.Hosts[1], failure.Host);
        Assert.Contains($"Cannot connect to fabdeploy@{hosts.Hosts[1].Address}:2222: ConnectionRefused", failure.Failure);
        Assert.True(error.Results[0].Succeeded);
        Assert.True(error.Results[2].Succeeded);
    }

    [Fact]
    public async Task Should_Give_Up_On_A_Host_That_Never_Answers_Within_The_Connect_Timeout()
    {
        // Given
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse($"{hosts.Prefix}.200"), SshHosts.Port);
        silent.Start();
        try
        {
            // 5 s, not 1: the healthy host shares the timeout, and a busy machine may need seconds for its key exchange
            var remote = new SshRemoteHosts(hosts.Settings() with { ConnectTimeout = TimeSpan.FromSeconds(5) }, new CapturingLog());
            await using var step = await remote.OpenAsync([new RemoteHost($"{hosts.Prefix}.200"), hosts.Hosts[0]]);

            // When
            var error = await Assert.ThrowsAsync<RemoteCommandException>(() => step.RunAsync(RemoteCommand.Of("true")));

            // Then
            Assert.Equal($"No SSH answer from fabdeploy@{hosts.Prefix}.200:2222 within 5 s. Is the address reachable from here (VPN, bastion, public vs private address)?", Assert.Single(error.Failures).Failure);
            Assert.True(error.Results[1].Succeeded);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task Should_Name_Host_And_User_When_The_User_Is_Wrong()
    {
        // Given
        var remote = new SshRemoteHosts(hosts.Settings() with { User = "nobody-here" }, new CapturingLog());
        await using var step = await remote.OpenAsync([hosts.Hosts[0]]);

        // When
        var error = await Assert.ThrowsAsync<RemoteCommandException>(() => step.RunAsync(RemoteCommand.Of("true")));

        // Then
        var failure = Assert.Single(error.Failures).Failure!;
        Assert.StartsWith($"Permission denied for nobody-here@{hosts.Hosts[0].Address}:2222", failure);
        Assert.Contains("Check the user (deploy_user, or --remote-user)", failure);
    }

    [Fact]
    public async Task Should_Fail_Fast_On_An_Encrypted_Key_Without_Passphrase()
    {
        // Given
        var key = Path.Combine(hosts.Root.FullName, "encrypted_key");
        await KeyGen.CreateAsync(key, passphrase: "correct horse");
        var remote = new SshRemoteHosts(hosts.Settings() with { KeyPath = key }, new CapturingLog()) { Variables = _ => null };

        // When
        var error = await Assert.ThrowsAsync<CakeException>(() => remote.OpenAsync(hosts.Hosts));

        // Then
        Assert.Contains($"The SSH key '{key}' is encrypted and no passphrase was given", error.Message);
        Assert.Contains($"as 'fabdeploy' on {hosts.Hosts[0].Address}", error.Message);
        Assert.Contains(SshSettings.PassphraseVariable, error.Message);
    }

    [Fact]
    public async Task Should_Log_In_With_An_Encrypted_Key_When_The_Passphrase_Is_Given()
    {
        // Given
        var key = Path.Combine(hosts.Root.FullName, "encrypted_key2");
        await KeyGen.CreateAsync(key, passphrase: "correct horse");
        await File.AppendAllTextAsync(Path.Combine(hosts.Root.FullName, "authorized_keys"), await File.ReadAllTextAsync(key + ".pub"));
        var remote = new SshRemoteHosts(hosts.Settings() with { KeyPath = key }, new CapturingLog()) { Variables = n => n == SshSettings.PassphraseVariable ? "correct horse" : null };

        // When
        await using var step = await remote.OpenAsync([hosts.Hosts[2]]);
        var results = await step.RunAsync(RemoteCommand.Of("echo", "in"));

        // Then
        Assert.Equal("in", results[0].OutputTail);
    }

    [Fact]
    public async Task Should_Log_In_With_An_Rsa_Key_Using_Sha2_Signatures()
    {
        // Given
        var key = Path.Combine(hosts.Root.FullName, "rsa_key");
        await KeyGen.CreateAsync(key, type: "rsa");
        await File.AppendAllTextAsync(Path.Combine(hosts.Root.FullName, "authorized_keys"), await File.ReadAllTextAsync(key + ".pub"));
        var remote = new SshRemoteHosts(hosts.Settings() with { KeyPath = key }, new CapturingLog());

        // When
        await using var step = await remote.OpenAsync([hosts.Hosts[0]]);
        var results = await step.RunAsync(RemoteCommand.Of("echo", "rsa"));

        // Then
        Assert.Equal("rsa", results[0].OutputTail);
        var sshdLog = await hosts.Servers[0].WaitForLogAsync("Accepted publickey for fabdeploy", TimeSpan.FromSeconds(30));
        Assert.Contains("RSA SHA256:", sshdLog);
        Assert.DoesNotContain("ssh-rsa not in", sshdLog); // no SHA-1 signature was offered first
    }
}
