using System.Collections.Concurrent;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// What one run knows about host keys: the user's known_hosts (read only), FabulAWS's own known_hosts of the
/// environment (where keys trusted on first use are recorded, by instance id: a private IP is reused by the next
/// instance, an id never is), and the key each host presented first in this run, which every later connection to
/// it must present again.
/// </summary>
internal sealed class HostKeyStore
{
    private readonly ConcurrentDictionary<string, byte[]> pins = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="HostKeyStore"/> class.</summary>
    /// <param name="userKnownHosts">The user's known_hosts (known_hosts in fabulaws-config.yml, else ~/.ssh/known_hosts).</param>
    /// <param name="recordedKnownHosts">FabulAWS's own known_hosts of the environment.</param>
    public HostKeyStore(KnownHostsFile userKnownHosts, KnownHostsFile recordedKnownHosts)
    {
        User = userKnownHosts;
        Recorded = recordedKnownHosts;
    }

    /// <summary>Gets the user's known_hosts.</summary>
    public KnownHostsFile User { get; }

    /// <summary>Gets FabulAWS's own known_hosts of the environment.</summary>
    public KnownHostsFile Recorded { get; }

    /// <summary>The name a host is recorded and pinned by: its instance id when it has one, else <c>[address]:port</c>.</summary>
    /// <param name="host">The host.</param>
    /// <param name="lookupName">Its known_hosts lookup name.</param>
    /// <returns>The name.</returns>
    public static string RecordName(RemoteHost host, string lookupName) => host.InstanceId ?? lookupName;

    /// <summary>The keys trusted for a host: recorded by instance id (or name), then the user's entries for its address.</summary>
    /// <param name="host">The host.</param>
    /// <param name="lookupName">Its lookup name.</param>
    /// <returns>The entries, with the file each came from.</returns>
    public IReadOnlyList<(KnownHostEntry Entry, KnownHostsFile File)> Trusted(RemoteHost host, string lookupName) =>
        [.. Recorded.TrustedKeys(RecordName(host, lookupName)).Select(e => (e, Recorded)), .. User.TrustedKeys(lookupName).Select(e => (e, User))];

    /// <summary>Finds an <c>@revoked</c> line for the key in either file.</summary>
    /// <param name="lookupName">The lookup name.</param>
    /// <param name="key">The key blob.</param>
    /// <returns>The entry and its file, or null.</returns>
    public (KnownHostEntry Entry, KnownHostsFile File)? Revoked(string lookupName, byte[] key) =>
        User.Revoked(lookupName, key) is { } user ? (user, User) : Recorded.Revoked(lookupName, key) is { } own ? (own, Recorded) : null;

    /// <summary>Gets the key the host presented first in this run, if any.</summary>
    /// <param name="name">The record name.</param>
    /// <returns>The key blob, or null.</returns>
    public byte[]? Pinned(string name) => pins.TryGetValue(name, out var key) ? key : null;

    /// <summary>Pins the first key accepted for a host in this run; a later different key does not replace it.</summary>
    /// <param name="name">The record name.</param>
    /// <param name="key">The key blob.</param>
    /// <returns>The pinned key (the earlier one when there was one).</returns>
    public byte[] Pin(string name, byte[] key) => pins.GetOrAdd(name, key);

    /// <summary>Records a key trusted on first use in FabulAWS's own known_hosts, and pins it.</summary>
    /// <param name="name">The record name.</param>
    /// <param name="key">The key blob.</param>
    /// <returns>The pinned key: the given one, unless another connection pinned one first.</returns>
    public byte[] Record(string name, byte[] key)
    {
        var pinned = Pin(name, key);
        if (pinned.AsSpan().SequenceEqual(key))
        {
            Recorded.Append(name, key);
        }

        return pinned;
    }
}
