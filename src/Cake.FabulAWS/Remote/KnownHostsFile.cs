using Cake.Core;

namespace Cake.FabulAWS.Remote;

/// <summary>An OpenSSH known_hosts file: looks hosts up (plain, hashed, <c>[host]:port</c>, @revoked) and appends new ones.</summary>
internal sealed class KnownHostsFile
{
    private static readonly SemaphoreSlim AppendGate = new(1, 1);
    private readonly IReadOnlyList<KnownHostEntry> entries;

    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries)
    {
        Path = path;
        this.entries = entries;
    }

    /// <summary>Gets the file path.</summary>
    public string Path { get; }

    /// <summary>The name ssh looks a host up by: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    /// <param name="host">The host.</param>
    /// <param name="port">The port.</param>
    /// <returns>The lookup name.</returns>
    public static string LookupName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>Reads a file; a missing file is an empty one.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The file.</returns>
    public static KnownHostsFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new KnownHostsFile(path, []);
        }

        var lines = File.ReadAllLines(path);
        return new KnownHostsFile(path, [.. lines.Select((l, i) => KnownHostEntry.Parse(l, i + 1)).OfType<KnownHostEntry>()]);
    }

    /// <summary>Gets the keys trusted for a host (no marker).</summary>
    /// <param name="lookupName">The lookup name.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<KnownHostEntry> TrustedKeys(string lookupName) =>
        [.. entries.Where(e => e.Marker is null && e.Matches(lookupName))];

    /// <summary>Tells whether a key is revoked for a host (an <c>@revoked</c> line with that key).</summary>
    /// <param name="lookupName">The lookup name.</param>
    /// <param name="key">The key blob.</param>
    /// <returns>The revoking entry, or null.</returns>
    public KnownHostEntry? Revoked(string lookupName, byte[] key) =>
        entries.FirstOrDefault(e => e.Marker == "@revoked" && e.Key.AsSpan().SequenceEqual(key) && (e.Hosts == "*" || e.Matches(lookupName)));

    /// <summary>Appends a host key (trust on first use), unless the file already has it. The file is created 0600.</summary>
    /// <param name="lookupName">The lookup name.</param>
    /// <param name="key">The key blob.</param>
    public void Append(string lookupName, byte[] key)
    {
        AppendGate.Wait();
        try
        {
            if (Load(Path).TrustedKeys(lookupName).Any(e => e.Key.AsSpan().SequenceEqual(key)))
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            if (!Directory.Exists(directory) && !OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.CreateDirectory(directory);

            var line = $"{lookupName} {HostKeyFingerprint.KeyType(key)} {Convert.ToBase64String(key)}\n";
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var stream = new FileStream(Path, options);
            if (stream.Length > 0 && !EndsWithNewline(Path))
            {
                line = "\n" + line;
            }

            stream.Write(System.Text.Encoding.ASCII.GetBytes(line));
        }
        catch (IOException e)
        {
            throw new CakeException($"Could not add the host key of {lookupName} to {Path}: {e.Message}");
        }
        finally
        {
            AppendGate.Release();
        }
    }

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
