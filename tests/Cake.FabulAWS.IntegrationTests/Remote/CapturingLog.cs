using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>A Cake log that keeps every line written.</summary>
public sealed class CapturingLog : ICakeLog
{
    private readonly List<string> lines = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) { return [.. lines]; } }
    }

    public string Text => string.Join('\n', Lines);

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        lock (lines)
        {
            lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        }
    }
}
