using System.Security.Cryptography;

namespace Cake.FabulAWS.Remote;

/// <summary>Fingerprints of public key blobs, written as ssh writes them.</summary>
internal static class HostKeyFingerprint
{
    /// <summary>The SHA256 fingerprint, such as <c>SHA256:2QnL...</c> (unpadded base64).</summary>
    /// <param name="key">The key blob.</param>
    /// <returns>The fingerprint.</returns>
    public static string Sha256(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    /// <summary>The legacy MD5 fingerprint, such as <c>MD5:aa:bb:...</c>.</summary>
    /// <param name="key">The key blob.</param>
    /// <returns>The fingerprint.</returns>
    public static string Md5(byte[] key) => "MD5:" + string.Join(':', MD5.HashData(key).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Reads the key type written inside a key blob (the first SSH string).</summary>
    /// <param name="key">The key blob.</param>
    /// <returns>The type, such as ssh-ed25519, or <c>unknown</c>.</returns>
    public static string KeyType(byte[] key)
    {
        if (key.Length < 4)
        {
            return "unknown";
        }

        var length = (key[0] << 24) | (key[1] << 16) | (key[2] << 8) | key[3];
        return length > 0 && length <= key.Length - 4 ? System.Text.Encoding.ASCII.GetString(key, 4, length) : "unknown";
    }
}
