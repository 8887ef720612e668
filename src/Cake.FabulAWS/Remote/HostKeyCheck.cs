using Cake.FabulAWS.Ports;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// Decides whether to trust the key a host presents. An instance's own console output is the authority for that
/// instance; without one, known_hosts (FabulAWS's own of the environment, by instance id, then the user's, by
/// address); then trust-on-first-use when allowed. Whatever is accepted first is pinned for the rest of the run.
/// SSH.NET trusts every key unless told otherwise; this tells it otherwise.
/// </summary>
internal sealed class HostKeyCheck
{
    private readonly HostKeyStore store;
    private readonly IReadOnlyList<(KnownHostEntry Entry, KnownHostsFile File)> known;
    private readonly ConsoleHostKeys? console;
    private readonly bool trustOnFirstUse;
    private readonly string consoleNote;

    private HostKeyCheck(RemoteHost host, string lookupName, HostKeyStore store, IReadOnlyList<(KnownHostEntry, KnownHostsFile)> known, ConsoleHostKeys? console, bool trustOnFirstUse, string consoleNote)
    {
        Host = host;
        LookupName = lookupName;
        this.store = store;
        this.known = known;
        this.console = console;
        this.trustOnFirstUse = trustOnFirstUse;
        this.consoleNote = consoleNote;
    }

    /// <summary>Gets the host.</summary>
    public RemoteHost Host { get; }

    /// <summary>Gets the name the host is looked up by (<c>[host]:port</c> for ports other than 22).</summary>
    public string LookupName { get; }

    /// <summary>Gets why the last key was refused; null when none was.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Gets the key types known for the host, to ask the server for those first.</summary>
    public IEnumerable<string> KnownKeyTypes => known.Select(k => k.Entry.KeyType).Distinct();

    private string RecordName => HostKeyStore.RecordName(Host, LookupName);

    /// <summary>Gathers what is known about a host's key before connecting (reads the instance's console output).</summary>
    /// <param name="host">The host.</param>
    /// <param name="port">The port.</param>
    /// <param name="settings">The SSH settings.</param>
    /// <param name="store">The run's host keys.</param>
    /// <param name="instances">Reads console output; null to skip it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check.</returns>
    public static async Task<HostKeyCheck> PrepareAsync(RemoteHost host, int port, SshSettings settings, HostKeyStore store, IInstances? instances, CancellationToken cancellationToken)
    {
        var lookupName = KnownHostsFile.LookupName(host.Address, port);
        ConsoleHostKeys? console = null;
        var note = host.InstanceId is null ? "no instance id to read console output from" : "console output not consulted";
        if (settings.UseConsoleOutputHostKeys && host.InstanceId is not null && instances is not null)
        {
            var text = await instances.GetConsoleOutputAsync(host.InstanceId, cancellationToken).ConfigureAwait(false);
            var parsed = ConsoleHostKeys.Parse(text);
            note = parsed.IsEmpty ? $"no host key fingerprints in the console output of {host.InstanceId} (yet)" : $"the console output of {host.InstanceId}";
            console = parsed.IsEmpty ? null : parsed;
        }

        var known = console is null ? store.Trusted(host, lookupName) : [];
        return new HostKeyCheck(host, lookupName, store, known, console, settings.TrustOnFirstUse, note);
    }

    /// <summary>The SSH.NET HostKeyReceived handler.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="e">The presented key.</param>
    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e) => e.CanTrust = Decide(e.HostKey);

    /// <summary>Decides about a presented key blob; sets <see cref="Refusal"/> when refusing.</summary>
    /// <param name="key">The key blob.</param>
    /// <returns>True to trust it.</returns>
    public bool Decide(byte[] key)
    {
        var presented = Describe(key);
        if (store.Revoked(LookupName, key) is { } revoked)
        {
            return Refuse($"The host key of {Host} ({presented}) is marked @revoked in {revoked.File.Path} line {revoked.Entry.Line}: refusing to connect. The server needs a new host key.");
        }

        if (store.Pinned(RecordName) is { } pinned)
        {
            return pinned.AsSpan().SequenceEqual(key) || Refuse($"HOST KEY CHANGED during this run for {Host}: it presented {Describe(pinned)} first and now {presented}. Someone may be intercepting the connection; stopping.");
        }

        if (console is not null)
        {
            return console.Contains(key)
                ? Accept(key)
                : Refuse($"HOST KEY MISMATCH for {Host}: the console output of {Host.InstanceId} lists {string.Join(", ", console.Fingerprints.Concat(console.Keys.Select(HostKeyFingerprint.Sha256)).Distinct())}, the server presented {presented}. Someone may be intercepting the connection; do not trust this host.");
        }

        if (known.Count > 0)
        {
            if (known.Any(k => k.Entry.Key.AsSpan().SequenceEqual(key)))
            {
                return Accept(key);
            }

            var expected = string.Join(", ", known.Select(k => $"{HostKeyFingerprint.Sha256(k.Entry.Key)} ({k.Entry.KeyType}, {k.File.Path} line {k.Entry.Line})"));
            return Refuse($"HOST KEY MISMATCH for {Host} as {RecordName}: known_hosts expects {expected}, the server presented {presented}. "
                + $"Someone may be intercepting the connection, or the address now belongs to another server. Check the server's console output; if the new key is right, remove the old one with `ssh-keygen -R '{(known[0].File == store.User ? LookupName : RecordName)}' -f {known[0].File.Path}`.");
        }

        if (trustOnFirstUse)
        {
            return store.Record(RecordName, key).AsSpan().SequenceEqual(key) || Refuse($"HOST KEY CHANGED during this run for {Host}: another connection accepted {Describe(store.Pinned(RecordName)!)} first, now {presented}. Stopping.");
        }

        return Refuse($"Unknown host key for {Host} as {LookupName}: {presented} is in neither {store.User.Path} nor {store.Recorded.Path} ({consoleNote}). "
            + $"After checking the fingerprint, add it with `ssh-keyscan -p {PortOf(LookupName)} {Host.Address} >> {store.User.Path}`, or allow trust-on-first-use (--ssh-trust-new-hosts) to record it in {store.Recorded.Path}.");
    }

    private static string Describe(byte[] key) => $"{HostKeyFingerprint.Sha256(key)} ({HostKeyFingerprint.KeyType(key)})";

    private static string PortOf(string lookupName) => lookupName.StartsWith('[') ? lookupName[(lookupName.LastIndexOf(':') + 1)..] : "22";

    private bool Accept(byte[] key) => store.Pin(RecordName, key).AsSpan().SequenceEqual(key) || Refuse($"HOST KEY CHANGED during this run for {Host}: another connection accepted {Describe(store.Pinned(RecordName)!)} first. Stopping.");

    private bool Refuse(string reason)
    {
        Refusal = reason;
        return false;
    }
}
