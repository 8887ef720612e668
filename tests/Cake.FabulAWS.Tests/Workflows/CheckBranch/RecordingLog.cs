using System.Globalization;
using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Tests.Workflows.CheckBranch;

/// <summary>An <see cref="ICakeLog"/> that keeps every formatted message.</summary>
internal sealed class RecordingLog : ICakeLog
{
    private readonly List<(LogLevel Level, string Message)> entries = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => entries;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        entries.Add((level, args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args)));
    }
}
