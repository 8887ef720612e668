using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// One host's log: lines go to its own file (appended, owner-only, named by instance id when there is one: the next
/// instance may reuse the address) and to the Cake log as <c>[host] line</c>, secrets redacted. A host whose log the
/// workflow names (<see cref="RemoteHost.LogName"/>) writes to the Cake log at verbose level only.
/// </summary>
internal sealed class HostLog : IDisposable
{
    private readonly RemoteHost host;
    private readonly ICakeLog log;
    private readonly StreamWriter file;
    private readonly List<string> redactions = [];
    private readonly Lock gate = new();

    /// <summary>Initializes a new instance of the <see cref="HostLog"/> class.</summary>
    /// <param name="host">The host.</param>
    /// <param name="directory">The log directory (created when missing).</param>
    /// <param name="log">The Cake log.</param>
    /// <param name="fileName">The file's name; <see cref="FileName(RemoteHost)"/> when null.</param>
    public HostLog(RemoteHost host, string directory, ICakeLog log, string? fileName = null)
    {
        this.host = host;
        this.log = log;
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, fileName ?? FileName(host));
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        file = new StreamWriter(new FileStream(FilePath, options)) { AutoFlush = true };
    }

    /// <summary>Gets the log file.</summary>
    public string FilePath { get; }

    /// <summary>The log file name of a host: the name the workflow gave it, else its instance id, else its address.</summary>
    /// <param name="host">The host.</param>
    /// <returns>A file name.</returns>
    public static string FileName(RemoteHost host) => FileName(host.LogName ?? host.InstanceId ?? host.Address);

    /// <summary>A log file name from a name: characters other than letters, digits and . - _ replaced.</summary>
    /// <param name="name">The name.</param>
    /// <returns>A file name.</returns>
    public static string FileName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) + ".log";

    /// <summary>Writes one line to the file only.</summary>
    /// <param name="text">The text.</param>
    public void Note(string text)
    {
        lock (gate)
        {
            file.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {text}");
        }
    }

    /// <summary>Makes every later line hide these values.</summary>
    /// <param name="secrets">The secrets.</param>
    public void Redact(IEnumerable<Secret> secrets)
    {
        lock (gate)
        {
            redactions.AddRange(secrets.Select(s => s.Reveal()).Where(v => v.Length > 0));
        }
    }

    /// <summary>Writes one line.</summary>
    /// <param name="text">The text.</param>
    /// <param name="level">The Cake log level.</param>
    /// <returns>The line as written (redacted).</returns>
    public string Line(string text, LogLevel level = LogLevel.Information)
    {
        lock (gate)
        {
            foreach (var value in redactions)
            {
                text = text.Replace(value, Secret.Redacted, StringComparison.Ordinal);
            }

            file.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {text}");
        }

        if (host.LogName is not null)
        {
            log.Write(Verbosity.Verbose, LogLevel.Verbose, "[{0}] {1}", host.Address, text);
        }
        else
        {
            log.Write(level == LogLevel.Error ? Verbosity.Quiet : Verbosity.Normal, level, "[{0}] {1}", host.Address, text);
        }

        return text;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            file.Dispose();
        }
    }
}
