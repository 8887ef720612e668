using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Remote;

/// <summary>One key line of a known_hosts file: plain or hashed host patterns, an optional marker, a key.</summary>
/// <param name="Marker">Null, <c>@revoked</c> or <c>@cert-authority</c>.</param>
/// <param name="Hosts">The host field: comma-separated patterns (<c>*</c>, <c>?</c>, <c>!</c>, <c>[host]:port</c>) or <c>|1|salt|hash</c>.</param>
/// <param name="KeyType">The key type, such as ssh-ed25519.</param>
/// <param name="Key">The public key blob.</param>
/// <param name="Line">The 1-based line number.</param>
internal sealed record KnownHostEntry(string? Marker, string Hosts, string KeyType, byte[] Key, int Line)
{
    /// <summary>Parses one line; comments, blank and malformed lines give null.</summary>
    /// <param name="text">The line.</param>
    /// <param name="line">Its number.</param>
    /// <returns>The entry, or null.</returns>
    public static KnownHostEntry? Parse(string text, int line)
    {
        var fields = text.Trim().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return null;
        }

        string? marker = null;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0];
            fields = fields[1..];
        }

        if (fields.Length < 3)
        {
            return null;
        }

        try
        {
            return new KnownHostEntry(marker, fields[0], fields[1], Convert.FromBase64String(fields[2]), line);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Tells whether the entry names a host, as ssh looks it up (<c>host</c> on port 22, else <c>[host]:port</c>).</summary>
    /// <param name="lookupName">The name looked up.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(string lookupName)
    {
        if (Hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            return MatchesHashed(lookupName);
        }

        var matched = false;
        foreach (var pattern in Hosts.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (Glob(negated ? pattern[1..] : pattern).IsMatch(lookupName))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    private bool MatchesHashed(string lookupName)
    {
        var parts = Hosts.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(lookupName));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Regex Glob(string pattern) => new(
        "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
