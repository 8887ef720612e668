using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Remote;

/// <summary>A log that writes everything at verbose level: for attempts whose failures are expected (a server still booting).</summary>
/// <param name="inner">The real log.</param>
internal sealed class QuietLog(ICakeLog inner) : ICakeLog
{
    public Verbosity Verbosity
    {
        get => inner.Verbosity;
        set => inner.Verbosity = value;
    }

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args) =>
        inner.Write(Verbosity.Verbose, LogLevel.Verbose, format, args);
}
