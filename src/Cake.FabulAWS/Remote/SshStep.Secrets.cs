using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <content>Secrets: owner-only temporary files made by a command, values written over SFTP, atomic rename.</content>
internal sealed partial class SshStep
{
    /// <inheritdoc />
    public Task<IReadOnlyList<HostResult>> WriteSecretsAsync(string directory, IReadOnlyList<RemoteSecret> secrets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.FirstOrDefault(s => !SecretsCommands.IsValidName(s.Name)) is { } bad)
        {
            throw new ArgumentException($"Secret name '{bad.Name}' cannot be a file name: use letters, digits, '_', '.', '-'.", nameof(secrets));
        }

        var step = $"write {secrets.Count} secret(s) to {directory}: {string.Join(", ", secrets.Select(s => s.Name))}";
        return FanOutAsync(step, (connection, hostLog, ct) => WriteSecretsOnHostAsync(connection, hostLog, directory, secrets, ct), cancellationToken);
    }

    private async Task<HostResult> WriteSecretsOnHostAsync(HostConnection connection, HostLog hostLog, string directory, IReadOnlyList<RemoteSecret> secrets, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        hostLog.Redact(secrets.Select(s => s.Value));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var temporary = secrets.Select(s => RemotePath.Combine(directory, $".{s.Name}.tmp-{token}")).ToList();
        var prepared = await RunOnHostAsync(connection, hostLog, SecretsCommands.PrepareTemporaryFiles(directory, temporary), cancellationToken).ConfigureAwait(false);
        if (!prepared.Succeeded)
        {
            return prepared;
        }

        try
        {
            if (AfterSecretFilesCreated is not null)
            {
                await AfterSecretFilesCreated(connection.Host, temporary).ConfigureAwait(false);
            }

            var sftp = await connection.SftpAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < secrets.Count; i++)
            {
                var path = RemotePath.ForSftp(temporary[i]);
                var before = await sftp.GetAttributesAsync(path, cancellationToken).ConfigureAwait(false);
                if (before.GroupCanRead || before.GroupCanWrite || before.OthersCanRead || before.OthersCanWrite || !before.IsRegularFile)
                {
                    throw new IOException($"The temporary file {temporary[i]} is not an owner-only regular file; refusing to write the secret '{secrets[i].Name}' into it.");
                }

                await OverwriteAsync(sftp, path, Encoding.UTF8.GetBytes(secrets[i].Value.Reveal()), cancellationToken).ConfigureAwait(false);
                await RenameOverAsync(sftp, path, RemotePath.ForSftp(RemotePath.Combine(directory, secrets[i].Name))).ConfigureAwait(false);
                hostLog.Line($"wrote secret {secrets[i].Name} (0600)");
            }
        }
        catch
        {
            await RemoveTemporaryFilesAsync(connection, hostLog, temporary).ConfigureAwait(false);
            throw;
        }

        return new HostResult(connection.Host, 0, string.Empty, Stopwatch.GetElapsedTime(started), null);
    }

    /// <summary>Best-effort cleanup after a failed push; its own failure must not hide the first one.</summary>
    private async Task RemoveTemporaryFilesAsync(HostConnection connection, HostLog hostLog, IReadOnlyList<string> temporary)
    {
        try
        {
            await RunOnHostAsync(connection, hostLog, SecretsCommands.RemoveTemporaryFiles(temporary), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            hostLog.Line($"could not remove the temporary secret files ({e.GetType().Name}); they are empty or owner-only: {string.Join(' ', temporary)}", Cake.Core.Diagnostics.LogLevel.Warning);
        }
    }
}
