using System.Diagnostics;
using System.Text;

namespace LocalAws.Hosts;

/// <summary>How to run one real OpenSSH server on a loopback address.</summary>
/// <param name="ListenAddress">A loopback address such as 127.0.0.5.</param>
/// <param name="Port">The port (2222 binds without privileges on every 127.0.0.x).</param>
/// <param name="WorkDirectory">Where its config, host key and log live.</param>
/// <param name="AuthorizedKeysFile">The authorized_keys file (absolute path) for every user; sshd reads it as the login user, so it and its folders must be readable by that user.</param>
/// <param name="HomeDirectory">The directory sessions see as <c>~</c>, for commands and SFTP alike; null for the real home.</param>
public sealed record SshServerOptions(string ListenAddress, int Port, string WorkDirectory, string AuthorizedKeysFile, string? HomeDirectory = null)
{
    /// <summary>Gets an existing host key to reuse; a new ed25519 key is made when null.</summary>
    public string? HostKeyFile { get; init; }
}

/// <summary>
/// A real sshd (openssh-server) running as a plain process, as the tests and LocalAws's instance hosts need.
/// Disposing stops it. Start many first and then await them all: readiness is read from stderr.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private readonly Process process;
    private readonly StringBuilder log = new();
    private TaskCompletionSource lineAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SshServer(SshServerOptions options, Process process, string hostKeyFile)
    {
        Options = options;
        this.process = process;
        HostKeyFile = hostKeyFile;
    }

    /// <summary>Gets the options it was started with.</summary>
    public SshServerOptions Options { get; }

    /// <summary>Gets the private host key file.</summary>
    public string HostKeyFile { get; }

    /// <summary>Gets the host public key line (<c>ssh-ed25519 AAAA...</c>).</summary>
    public string HostPublicKey => File.ReadAllText(HostKeyFile + ".pub").Trim();

    /// <summary>Gets what sshd printed so far.</summary>
    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    /// <summary>
    /// Waits until sshd printed <paramref name="text"/>: session processes write to the same pipe, so a line about a
    /// login can arrive after the command of that login returned.
    /// </summary>
    /// <param name="text">The text to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The log, once it holds the text.</returns>
    public async Task<string> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (log)
            {
                var current = log.ToString();
                if (current.Contains(text, StringComparison.Ordinal))
                {
                    return current;
                }

                next = lineAdded.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)).ConfigureAwait(false) != next)
            {
                throw new TimeoutException($"sshd on {Options.ListenAddress}:{Options.Port} did not print '{text}' within {timeout.TotalSeconds:0} s:\n{Log}");
            }
        }
    }

    /// <summary>Gets the sshd process id (its session children are its descendants).</summary>
    public int ProcessId => process.Id;

    /// <summary>Gets a value indicating whether the process is still running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>Starts sshd and waits until it listens.</summary>
    /// <param name="options">Address, port, directories.</param>
    /// <param name="timeout">How long to wait for "Server listening".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running server.</returns>
    public static async Task<SshServer> StartAsync(SshServerOptions options, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException($"{SshdPath} not found: install openssh-server (apt-get install -y --no-install-recommends openssh-server).");
        }

        Directory.CreateDirectory(options.WorkDirectory);
        Directory.CreateDirectory("/run/sshd"); // privilege separation directory; /run is emptied on boot
        var hostKey = options.HostKeyFile ?? Path.Combine(options.WorkDirectory, "ssh_host_ed25519_key");
        if (!File.Exists(hostKey))
        {
            await KeyGen.CreateAsync(hostKey, "ed25519", comment: $"localaws@{options.ListenAddress}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var configFile = Path.Combine(options.WorkDirectory, "sshd_config");
        await File.WriteAllTextAsync(configFile, Config(options, hostKey), cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo(SshdPath) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", configFile })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {SshdPath}.");
        process.StandardInput.Close();
        var server = new SshServer(options, process, hostKey);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException($"sshd on {options.ListenAddress}:{options.Port} exited before listening:\n{server.Log}"));
                return;
            }

            TaskCompletionSource added;
            lock (server.log)
            {
                server.log.AppendLine(e.Data);
                added = server.lineAdded;
                server.lineAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            added.TrySetResult();

            if (e.Data.Contains("Server listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Stops sshd (and with it every session it serves).</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        catch (TimeoutException)
        {
            // it was killed; do not hang a test's teardown on the reaping
        }

        process.Dispose();
    }

    private static string Config(SshServerOptions o, string hostKey)
    {
        var lines = new List<string>
        {
            $"ListenAddress {o.ListenAddress}:{o.Port}",
            $"HostKey {hostKey}",
            "PidFile none",
            $"AuthorizedKeysFile {o.AuthorizedKeysFile}",
            "StrictModes no",
            "UsePAM no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password",
            "MaxStartups 100:30:200",
            "MaxSessions 50",
            "LogLevel INFO",
        };
        if (o.HomeDirectory is null)
        {
            lines.Add("Subsystem sftp internal-sftp");
        }
        else
        {
            // Every instance host shares one OS user; its own directory stands in for the home, so that
            // "~/" means the instance's files for commands (HOME) and for SFTP (start directory).
            lines.Add($"SetEnv HOME={o.HomeDirectory}");
            lines.Add($"Subsystem sftp internal-sftp -d {o.HomeDirectory}");
        }

        return string.Join('\n', lines) + "\n";
    }
}
