using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Ports;

/// <summary>A server a deployment reaches over SSH.</summary>
/// <param name="Address">The IP address or DNS name to connect to; also the name in logs.</param>
/// <param name="InstanceId">The EC2 instance id, when known (used to read host keys from its console output).</param>
/// <param name="Port">The SSH port; null for the configured one.</param>
public sealed record RemoteHost(string Address, string? InstanceId = null, int? Port = null)
{
    /// <summary>
    /// Gets the name of the host's own log file, when the workflow names it (CreateEnvironment names each server's as
    /// FabulAWS did: date, environment, role and zone). The host's output then goes to that file only; the console
    /// gets what the workflow says about it. Null: the log is named by instance id and its lines also go to the console.
    /// </summary>
    public string? LogName { get; init; }

    /// <inheritdoc />
    public override string ToString() => InstanceId is null ? Address : $"{Address} ({InstanceId})";
}

/// <summary>A file to place on hosts: written to a temporary name, then renamed over the target.</summary>
/// <param name="RemotePath">The target path; a leading <c>~/</c> means the login user's home.</param>
/// <param name="Content">The bytes to write.</param>
public sealed record RemoteUpload(string RemotePath, ReadOnlyMemory<byte> Content);

/// <summary>A secret to place on hosts as its own owner-only (0600) file.</summary>
/// <param name="Name">The file name inside the secrets directory (the secret's name).</param>
/// <param name="Value">The value; it only travels over SFTP.</param>
public sealed record RemoteSecret(string Name, Secret Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}={Secret.Redacted}";
}

/// <summary>What happened on one host.</summary>
/// <param name="Host">The host.</param>
/// <param name="ExitCode">The command's exit code; null when it did not run to an exit (connection, timeout, file operations).</param>
/// <param name="OutputTail">The last lines of output (stdout and stderr interleaved).</param>
/// <param name="Duration">How long it took on this host.</param>
/// <param name="Failure">Why it failed; null on success.</param>
public sealed record HostResult(RemoteHost Host, int? ExitCode, string OutputTail, TimeSpan Duration, string? Failure)
{
    /// <summary>Gets a value indicating whether the host succeeded.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>Which of the asked-for files exist on one host.</summary>
/// <param name="Host">The host.</param>
/// <param name="Present">The paths (as asked) that exist.</param>
/// <param name="Missing">The paths (as asked) that do not exist.</param>
public sealed record HostFiles(RemoteHost Host, IReadOnlyList<string> Present, IReadOnlyList<string> Missing);

/// <summary>Opens steps on remote hosts: one connection per host, reused by every operation of the step.</summary>
public interface IRemoteHosts
{
    /// <summary>Opens a step on hosts. Connections are made on first use, concurrently, and closed on dispose.</summary>
    /// <param name="hosts">The hosts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The step.</returns>
    Task<IRemoteStep> OpenAsync(IReadOnlyList<RemoteHost> hosts, CancellationToken cancellationToken = default);

    /// <summary>Tries once to log in to a host and run <c>true</c>, quietly: for waits on a server that is still booting.</summary>
    /// <param name="host">The host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Null when it worked, else why not (refused, no answer, host key not printed yet, ...).</returns>
    Task<string?> ProbeAsync(RemoteHost host, CancellationToken cancellationToken = default);

    /// <summary>Gets the file a host's output goes to, for messages that send the reader there.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The path.</returns>
    string LogFile(RemoteHost host);

    /// <summary>
    /// Writes a line about a host into its log file only (what the workflow did for it: launched, waited, failed), in
    /// the file's own format; the file is created owner-only when missing. Not while a step on the host is open.
    /// </summary>
    /// <param name="host">The host; its address may still be a placeholder when only <see cref="RemoteHost.LogName"/> matters.</param>
    /// <param name="text">The line.</param>
    void Note(RemoteHost host, string text);
}

/// <summary>
/// Operations on every host of a step, run at once with bounded concurrency. When a host fails, the others still
/// run; the call then throws <see cref="RemoteCommandException"/> listing every failure and keeping every result.
/// </summary>
public interface IRemoteStep : IAsyncDisposable
{
    /// <summary>Gets the hosts of the step.</summary>
    IReadOnlyList<RemoteHost> Hosts { get; }

    /// <summary>Runs a command on every host; a non-zero exit is a failure.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per host.</returns>
    Task<IReadOnlyList<HostResult>> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>Uploads files to every host (temporary name, then atomic rename; parent directories are created).</summary>
    /// <param name="files">The files.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per host.</returns>
    Task<IReadOnlyList<HostResult>> UploadAsync(IReadOnlyList<RemoteUpload> files, CancellationToken cancellationToken = default);

    /// <summary>Removes files from every host; a file that is already absent is fine.</summary>
    /// <param name="paths">The paths.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per host.</returns>
    Task<IReadOnlyList<HostResult>> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default);

    /// <summary>Tells which of the files exist on every host.</summary>
    /// <param name="paths">The paths.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per host.</returns>
    Task<IReadOnlyList<HostFiles>> FindFilesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default);

    /// <summary>Writes secrets into a directory on every host, each as its own 0600 file from the first byte.</summary>
    /// <param name="directory">The directory (created 0700 when missing); a leading <c>~/</c> means home.</param>
    /// <param name="secrets">The secrets.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per host.</returns>
    Task<IReadOnlyList<HostResult>> WriteSecretsAsync(string directory, IReadOnlyList<RemoteSecret> secrets, CancellationToken cancellationToken = default);
}
