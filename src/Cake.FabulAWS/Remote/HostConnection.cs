using System.Net.Sockets;
using Cake.FabulAWS.Ports;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <summary>The connections to one host for one step: one SSH session for commands, one for SFTP, each made once.</summary>
internal sealed class HostConnection : IDisposable
{
    private readonly SshSettings settings;
    private readonly IReadOnlyList<IPrivateKeySource> keys;
    private readonly Func<CancellationToken, Task<HostKeyCheck>> prepareCheck;
    private readonly Lock gate = new();
    private Task<HostKeyCheck>? check;
    private Task<SshClient>? shell;
    private Task<SftpClient>? sftp;

    /// <summary>Initializes a new instance of the <see cref="HostConnection"/> class.</summary>
    /// <param name="host">The host.</param>
    /// <param name="settings">The SSH settings.</param>
    /// <param name="keys">The login keys.</param>
    /// <param name="prepareCheck">Prepares the host key check (may read console output).</param>
    public HostConnection(RemoteHost host, SshSettings settings, IReadOnlyList<IPrivateKeySource> keys, Func<CancellationToken, Task<HostKeyCheck>> prepareCheck)
    {
        Host = host;
        this.settings = settings;
        this.keys = keys;
        this.prepareCheck = prepareCheck;
    }

    /// <summary>Gets the host.</summary>
    public RemoteHost Host { get; }

    private int Port => Host.Port ?? settings.Port;

    /// <summary>Gets the connected command client (connecting on first use; a failure is kept).</summary>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The client.</returns>
    public Task<SshClient> ShellAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return shell ??= ConnectAsync(info => new SshClient(info), cancellationToken);
        }
    }

    /// <summary>Gets the connected SFTP client (connecting on first use; a failure is kept).</summary>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The client.</returns>
    public Task<SftpClient> SftpAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return sftp ??= ConnectAsync(info => new SftpClient(info) { OperationTimeout = settings.OperationTimeout }, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var task in new Task?[] { shell, sftp })
        {
            if (task is { IsCompletedSuccessfully: true } && task is Task<SshClient> s)
            {
                s.Result.Dispose();
            }
            else if (task is { IsCompletedSuccessfully: true } && task is Task<SftpClient> f)
            {
                f.Result.Dispose();
            }
        }
    }

    private async Task<T> ConnectAsync<T>(Func<ConnectionInfo, T> create, CancellationToken cancellationToken)
        where T : BaseClient
    {
        HostKeyCheck? hostKeys = null;
        T? client = null;
        try
        {
            lock (gate)
            {
                check ??= prepareCheck(CancellationToken.None);
            }

            hostKeys = await check.WaitAsync(cancellationToken).ConfigureAwait(false);
            var info = new ConnectionInfo(Host.Address, Port, settings.User, new PrivateKeyAuthenticationMethod(settings.User, [.. keys]))
            {
                Timeout = settings.ConnectTimeout,
            };
            PreferKnownKeyTypes(info, hostKeys);
            PreferFastKeyExchange(info);
            client = create(info);
            client.HostKeyReceived += hostKeys.OnHostKeyReceived;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.ConnectTimeout + settings.ConnectTimeout);
            await client.ConnectAsync(deadline.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is not RemoteHostException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            client?.Dispose();
            throw new RemoteHostException(Describe(e, hostKeys), e);
        }
    }

    /// <summary>
    /// SSH.NET's managed sntrup761 takes about 0.5 s of CPU per connection here; ML-KEM (OpenSSH 9.9+) stays first,
    /// curve25519 comes next, so older servers (OpenSSH 9.2 on Debian 12) do not cost half a second per host.
    /// </summary>
    private static void PreferFastKeyExchange(ConnectionInfo info)
    {
        var position = info.KeyExchangeAlgorithms.ContainsKey("mlkem768x25519-sha256") ? 1 : 0;
        foreach (var name in new[] { "curve25519-sha256", "curve25519-sha256@libssh.org" })
        {
            if (info.KeyExchangeAlgorithms.ContainsKey(name))
            {
                info.KeyExchangeAlgorithms.SetPosition(name, position++);
            }
        }
    }

    private static void PreferKnownKeyTypes(ConnectionInfo info, HostKeyCheck check)
    {
        var position = 0;
        foreach (var type in check.KnownKeyTypes)
        {
            foreach (var name in type == "ssh-rsa" ? new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" } : [type])
            {
                if (info.HostKeyAlgorithms.ContainsKey(name))
                {
                    info.HostKeyAlgorithms.SetPosition(name, position++);
                }
            }
        }
    }

    private string Describe(Exception e, HostKeyCheck? hostKeys)
    {
        var where = $"{settings.User}@{Host.Address}:{Port}";
        return e switch
        {
            _ when hostKeys?.Refusal is { } refusal => refusal,
            SshAuthenticationException => $"Permission denied for {where} ({e.Message}). Check the user (deploy_user, or --remote-user) and that the public half of the key is in ~{settings.User}/.ssh/authorized_keys on {Host}.",
            SocketException s => $"Cannot connect to {where}: {s.SocketErrorCode}. Is the instance running, sshd listening on port {Port}, and the port open to this machine (security group)?",
            SshOperationTimeoutException or OperationCanceledException or TimeoutException => $"No SSH answer from {where} within {settings.ConnectTimeout.TotalSeconds:0} s. Is the address reachable from here (VPN, bastion, public vs private address)?",
            SshConnectionException => $"The SSH connection to {where} failed: {e.Message}",
            _ => $"Could not connect to {where}: {e.GetType().Name}: {e.Message}",
        };
    }
}

/// <summary>A host could not be reached or logged into; the message says why and what to do.</summary>
internal sealed class RemoteHostException(string message, Exception inner) : Exception(message, inner);
