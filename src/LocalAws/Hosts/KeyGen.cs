using System.Diagnostics;

namespace LocalAws.Hosts;

/// <summary>Makes SSH key pairs with ssh-keygen (host keys, client keys, encrypted keys for tests).</summary>
public static class KeyGen
{
    /// <summary>Creates a key pair at <paramref name="path"/> and <c>path.pub</c>.</summary>
    /// <param name="path">The private key file.</param>
    /// <param name="type">ed25519, rsa or ecdsa.</param>
    /// <param name="passphrase">An empty string for none.</param>
    /// <param name="comment">The key comment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public static async Task CreateAsync(string path, string type = "ed25519", string passphrase = "", string comment = "localaws", CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-q", "-t", type, "-N", passphrase, "-C", comment, "-f", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start ssh-keygen.");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed for {path}: {error}");
        }
    }
}
