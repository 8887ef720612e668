using Cake.Core;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <summary>Finds and opens the private key(s) to log in with, without ever prompting.</summary>
internal static class SshKeys
{
    private static readonly string[] DefaultNames = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>Opens the configured key, or the first usable default keys.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="variables">Reads environment variables.</param>
    /// <param name="home">The local home directory.</param>
    /// <param name="target">Who the key is for (user and hosts), for messages.</param>
    /// <returns>The key sources, RSA keys preferring rsa-sha2 signatures.</returns>
    public static IReadOnlyList<IPrivateKeySource> Open(SshSettings settings, Func<string, string?> variables, string home, string target)
    {
        var passphrase = settings.KeyPassphrase?.Reveal() ?? variables(SshSettings.PassphraseVariable);
        var configured = settings.KeyPath ?? variables(SshSettings.KeyVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var path = Expand(configured, home);
            if (!File.Exists(path))
            {
                throw new CakeException($"The SSH key '{path}' (from {(settings.KeyPath is null ? SshSettings.KeyVariable : "the SSH settings")}) does not exist; it is needed to log in {target}.");
            }

            return [OpenOne(path, passphrase, target)];
        }

        var candidates = DefaultNames.Select(n => Path.Combine(home, ".ssh", n)).Where(File.Exists).ToList();
        if (candidates.Count == 0)
        {
            throw new CakeException($"No SSH key to log in {target}: set the key path in the settings or {SshSettings.KeyVariable}, or create ~/.ssh/id_ed25519 (looked in {Path.Combine(home, ".ssh")}).");
        }

        return [.. candidates.Select(c => OpenOne(c, passphrase, target))];
    }

    private static IPrivateKeySource OpenOne(string path, string? passphrase, string target)
    {
        try
        {
            return new PreferRsaSha2(new PrivateKeyFile(path, string.IsNullOrEmpty(passphrase) ? null : passphrase));
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new CakeException($"The SSH key '{path}' is encrypted and no passphrase was given (nothing prompts), so it cannot log in {target}. Set {SshSettings.PassphraseVariable}, or use a deploy key without a passphrase.");
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CakeException($"The SSH key '{path}' cannot be read ({e.Message}); it is needed to log in {target}. Check the passphrase ({SshSettings.PassphraseVariable}) and that the file is an OpenSSH, PEM or PuTTY private key.");
        }
    }

    private static string Expand(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : Path.GetFullPath(path);

    /// <summary>Offers rsa-sha2-512/256 before SHA-1 <c>ssh-rsa</c>, which OpenSSH 8.8 and later refuse.</summary>
    private sealed class PreferRsaSha2(PrivateKeyFile key) : IPrivateKeySource
    {
        public IReadOnlyCollection<Renci.SshNet.Security.HostAlgorithm> HostKeyAlgorithms { get; } =
            [.. key.HostKeyAlgorithms.OrderBy(a => a.Name == "ssh-rsa" ? 1 : 0)];
    }
}
