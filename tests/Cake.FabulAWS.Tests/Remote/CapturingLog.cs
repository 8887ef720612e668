using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Tests.Remote;

/// <summary>A Cake log that keeps every line written.</summary>
internal sealed class CapturingLog : ICakeLog
{
    public List<string> Lines { get; } = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        lock (Lines)
        {
            Lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        }
    }
}
