using System.Diagnostics;
using System.Security.Cryptography;
using Cake.FabulAWS.Ports;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <content>File operations over SFTP: uploads by temporary name and atomic rename, removals, presence checks.</content>
internal sealed partial class SshStep
{
    /// <inheritdoc />
    public Task<IReadOnlyList<HostResult>> UploadAsync(IReadOnlyList<RemoteUpload> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var step = "upload " + string.Join(", ", files.Select(f => f.RemotePath));
        return FanOutAsync(step, async (connection, hostLog, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var sftp = await connection.SftpAsync(ct).ConfigureAwait(false);
            foreach (var file in files)
            {
                var target = RemotePath.ForSftp(file.RemotePath);
                await EnsureDirectoryAsync(sftp, RemotePath.Parent(target), ct).ConfigureAwait(false);
                var temporary = TemporaryName(target);
                await WriteNewAsync(sftp, temporary, file.Content, ct).ConfigureAwait(false);
                await RenameOverAsync(sftp, temporary, target).ConfigureAwait(false);
                hostLog.Line($"uploaded {file.RemotePath} ({file.Content.Length} bytes)");
            }

            return new HostResult(connection.Host, null, string.Empty, Stopwatch.GetElapsedTime(started), null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HostResult>> RemoveAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return FanOutAsync("remove " + string.Join(", ", paths), async (connection, hostLog, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var sftp = await connection.SftpAsync(ct).ConfigureAwait(false);
            foreach (var path in paths)
            {
                try
                {
                    await sftp.DeleteFileAsync(RemotePath.ForSftp(path), ct).ConfigureAwait(false);
                    hostLog.Line($"removed {path}");
                }
                catch (SftpPathNotFoundException)
                {
                    hostLog.Line($"already absent: {path}");
                }
            }

            return new HostResult(connection.Host, null, string.Empty, Stopwatch.GetElapsedTime(started), null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HostFiles>> FindFilesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<RemoteHost, HostFiles>();
        await FanOutAsync("check " + string.Join(", ", paths), async (connection, hostLog, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var sftp = await connection.SftpAsync(ct).ConfigureAwait(false);
            var present = new List<string>();
            foreach (var path in paths)
            {
                if (await sftp.ExistsAsync(RemotePath.ForSftp(path), ct).ConfigureAwait(false))
                {
                    present.Add(path);
                }
            }

            found[connection.Host] = new HostFiles(connection.Host, present, [.. paths.Except(present)]);
            return new HostResult(connection.Host, null, string.Empty, Stopwatch.GetElapsedTime(started), null);
        }, cancellationToken).ConfigureAwait(false);
        return [.. Hosts.Select(h => found[h])];
    }

    private static string TemporaryName(string target)
    {
        var parent = RemotePath.Parent(target);
        var name = target[(target.LastIndexOf('/') + 1)..];
        var temporary = $".{name}.tmp-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        return parent is null ? temporary : RemotePath.Combine(parent, temporary);
    }

    private static async Task EnsureDirectoryAsync(SftpClient sftp, string? directory, CancellationToken cancellationToken)
    {
        if (directory is null || directory is "/" or "." || await sftp.ExistsAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await EnsureDirectoryAsync(sftp, RemotePath.Parent(directory), cancellationToken).ConfigureAwait(false);
        await sftp.CreateDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteNewAsync(SftpClient sftp, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stream = await sftp.OpenAsync(path, FileMode.CreateNew, FileAccess.Write, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task OverwriteAsync(SftpClient sftp, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stream = await sftp.OpenAsync(path, FileMode.Truncate, FileAccess.Write, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>posix-rename@openssh.com replaces the target atomically; SSH.NET only offers it synchronously, so it runs off the caller's thread, bounded by the SFTP operation timeout.</summary>
    private static Task RenameOverAsync(SftpClient sftp, string from, string to) =>
        Task.Run(() => sftp.RenameFile(from, to, isPosix: true));
}
