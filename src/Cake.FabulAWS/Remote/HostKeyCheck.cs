using Cake.FabulAWS.Ports;
using Renci.SshNet.Common;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// Decides whether to trust the key a host presents: known_hosts first, then the instance's console output, then
/// trust-on-first-use when allowed. SSH.NET trusts every key unless told otherwise; this tells it otherwise.
/// </summary>
internal sealed class HostKeyCheck
{
    private readonly KnownHostsFile knownHosts;
    private readonly IReadOnlyList<KnownHostEntry> known;
    private readonly ConsoleHostKeys? console;
    private readonly bool trustOnFirstUse;
    private readonly string consoleNote;

    private HostKeyCheck(RemoteHost host, string lookupName, KnownHostsFile knownHosts, IReadOnlyList<KnownHostEntry> known, ConsoleHostKeys? console, bool trustOnFirstUse, string consoleNote)
    {
        Host = host;
        LookupName = lookupName;
        this.knownHosts = knownHosts;
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
    public IEnumerable<string> KnownKeyTypes => known.Select(k => k.KeyType).Distinct();

    /// <summary>Gathers what is known about a host's key before connecting (reads console output when needed).</summary>
    /// <param name="host">The host.</param>
    /// <param name="port">The port.</param>
    /// <param name="settings">The SSH settings.</param>
    /// <param name="knownHosts">The known_hosts file.</param>
    /// <param name="instances">Reads console output; null to skip it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check.</returns>
    public static async Task<HostKeyCheck> PrepareAsync(RemoteHost host, int port, SshSettings settings, KnownHostsFile knownHosts, IInstances? instances, CancellationToken cancellationToken)
    {
        var lookupName = KnownHostsFile.LookupName(host.Address, port);
        var known = knownHosts.TrustedKeys(lookupName);
        ConsoleHostKeys? console = null;
        var note = host.InstanceId is null ? "no instance id to read console output from" : "console output not consulted";
        if (known.Count == 0 && settings.UseConsoleOutputHostKeys && host.InstanceId is not null && instances is not null)
        {
            var text = await instances.GetConsoleOutputAsync(host.InstanceId, cancellationToken).ConfigureAwait(false);
            console = ConsoleHostKeys.Parse(text);
            note = console.IsEmpty ? $"no host key fingerprints in the console output of {host.InstanceId} (yet)" : $"the console output of {host.InstanceId}";
            console = console.IsEmpty ? null : console;
        }

        return new HostKeyCheck(host, lookupName, knownHosts, known, console, settings.TrustOnFirstUse, note);
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
        var presented = $"{HostKeyFingerprint.Sha256(key)} ({HostKeyFingerprint.KeyType(key)})";
        if (knownHosts.Revoked(LookupName, key) is { } revoked)
        {
            return Refuse($"The host key of {Host} ({presented}) is marked @revoked in {knownHosts.Path} line {revoked.Line}: refusing to connect. The server needs a new host key.");
        }

        if (known.Count > 0)
        {
            if (known.Any(k => k.Key.AsSpan().SequenceEqual(key)))
            {
                return true;
            }

            var expected = string.Join(", ", known.Select(k => $"{HostKeyFingerprint.Sha256(k.Key)} ({k.KeyType}, line {k.Line})"));
            return Refuse($"HOST KEY MISMATCH for {Host} as {LookupName}: {knownHosts.Path} expects {expected}, the server presented {presented}. "
                + $"Someone may be intercepting the connection, or the address now belongs to a new instance. Check the instance's console output; if the new key is right, remove the old one with `ssh-keygen -R '{LookupName}' -f {knownHosts.Path}`.");
        }

        if (console is not null)
        {
            return console.Contains(key)
                ? true
                : Refuse($"HOST KEY MISMATCH for {Host}: the console output of {Host.InstanceId} lists {string.Join(", ", console.Fingerprints.Concat(console.Keys.Select(HostKeyFingerprint.Sha256)).Distinct())}, the server presented {presented}. Someone may be intercepting the connection; do not trust this host.");
        }

        if (trustOnFirstUse)
        {
            knownHosts.Append(LookupName, key);
            return true;
        }

        return Refuse($"Unknown host key for {Host} as {LookupName}: {presented} is not in {knownHosts.Path} ({consoleNote}). "
            + $"After checking the fingerprint, add it with `ssh-keyscan -p {PortOf(LookupName)} {Host.Address} >> {knownHosts.Path}`, or allow trust-on-first-use (SshSettings.TrustOnFirstUse) to record it.");
    }

    private static string PortOf(string lookupName) => lookupName.StartsWith('[') ? lookupName[(lookupName.LastIndexOf(':') + 1)..] : "22";

    private bool Refuse(string reason)
    {
        Refusal = reason;
        return false;
    }
}
