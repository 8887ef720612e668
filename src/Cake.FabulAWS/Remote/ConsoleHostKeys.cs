using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// The host keys an EC2 instance printed to its console at boot (cloud-init): the fingerprints block
/// (<c>ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----</c>) and the keys block (<c>-----BEGIN SSH HOST KEY KEYS-----</c>),
/// lines with or without the <c>ec2: </c> prefix.
/// </summary>
/// <param name="Fingerprints">Fingerprints as printed: <c>SHA256:...</c> or <c>MD5:aa:bb:...</c>.</param>
/// <param name="Keys">Public key blobs.</param>
internal sealed partial record ConsoleHostKeys(IReadOnlyList<string> Fingerprints, IReadOnlyList<byte[]> Keys)
{
    /// <summary>Gets a value indicating whether the console output held no host key at all.</summary>
    public bool IsEmpty => Fingerprints.Count == 0 && Keys.Count == 0;

    /// <summary>Reads both blocks from console output.</summary>
    /// <param name="consoleOutput">The decoded console output.</param>
    /// <returns>What was found.</returns>
    public static ConsoleHostKeys Parse(string consoleOutput)
    {
        var fingerprints = new List<string>();
        var keys = new List<byte[]>();
        string? block = null;
        foreach (var raw in consoleOutput.Split('\n'))
        {
            var line = Prefix().Replace(raw.TrimEnd('\r'), string.Empty).Trim();
            if (line.Contains("-----BEGIN SSH HOST KEY", StringComparison.Ordinal))
            {
                block = line.Contains("FINGERPRINTS", StringComparison.Ordinal) ? "fingerprints" : "keys";
            }
            else if (line.Contains("-----END SSH HOST KEY", StringComparison.Ordinal))
            {
                block = null;
            }
            else if (block == "fingerprints" && FingerprintLine().Match(line) is { Success: true } f)
            {
                var value = f.Groups["fp"].Value;
                fingerprints.Add(value.StartsWith("SHA256:", StringComparison.Ordinal) || value.StartsWith("MD5:", StringComparison.Ordinal) ? value : "MD5:" + value);
            }
            else if (block == "keys" && KeyLine().Match(line) is { Success: true } k)
            {
                try
                {
                    keys.Add(Convert.FromBase64String(k.Groups["key"].Value));
                }
                catch (FormatException)
                {
                    // a line cut by the console buffer: not a key
                }
            }
        }

        return new ConsoleHostKeys(fingerprints, keys);
    }

    /// <summary>Tells whether a presented key is one the instance printed.</summary>
    /// <param name="key">The key blob.</param>
    /// <returns>True when its blob, SHA256 or MD5 fingerprint was printed.</returns>
    public bool Contains(byte[] key) =>
        Keys.Any(k => k.AsSpan().SequenceEqual(key))
        || Fingerprints.Contains(HostKeyFingerprint.Sha256(key), StringComparer.Ordinal)
        || Fingerprints.Contains(HostKeyFingerprint.Md5(key), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^.*?ec2:\s?")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^\d+\s+(?<fp>SHA256:[A-Za-z0-9+/]+=*|MD5:[0-9a-fA-F:]+|[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){15})(\s|$)")]
    private static partial Regex FingerprintLine();

    [GeneratedRegex(@"^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-\S+|sk-\S+)\s+(?<key>[A-Za-z0-9+/]+=*)(\s|$)")]
    private static partial Regex KeyLine();
}
