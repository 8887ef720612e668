using System.Diagnostics;
using System.Globalization;
using Cake.Core.Diagnostics;

namespace Deploy.Benchmarks;

/// <summary>One phase of a deploy as the benchmark saw it: when it ran, and LocalAws's request counts at both ends.</summary>
internal sealed record PhaseMark(string Name, TimeSpan Start, DateTimeOffset UtcStart, IReadOnlyDictionary<string, int> CountsAtStart)
{
    public TimeSpan End { get; set; }

    public DateTimeOffset UtcEnd { get; set; }

    public IReadOnlyDictionary<string, int> CountsAtEnd { get; set; } = new Dictionary<string, int>();

    public bool Succeeded { get; set; }
}

/// <summary>
/// The Cake log of the deploys: every line goes to a file with its time on the benchmark's clock; the phase lines
/// PhaseLog writes (<c>== name</c>, <c>== name: done in</c>) become <see cref="PhaseMark"/>s with LocalAws's request
/// counts taken at both ends.
/// </summary>
internal sealed class BenchLog : ICakeLog, IDisposable
{
    private readonly StreamWriter file;
    private readonly Stopwatch clock;
    private readonly Func<IReadOnlyDictionary<string, int>> counts;
    private readonly List<PhaseMark> marks = [];

    public BenchLog(string path, Stopwatch clock, Func<IReadOnlyDictionary<string, int>> counts)
    {
        file = new StreamWriter(path, append: true) { AutoFlush = true };
        this.clock = clock;
        this.counts = counts;
    }

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    /// <summary>Gets the phases since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<PhaseMark> Marks
    {
        get
        {
            lock (marks)
            {
                return [.. marks];
            }
        }
    }

    public void Reset()
    {
        lock (marks)
        {
            marks.Clear();
        }
    }

    public void Line(string text)
    {
        lock (marks)
        {
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,8:0.000} {text}"));
        }
    }

    /// <summary>Starts a phase the benchmark runs itself (the FabulAWS replay).</summary>
    public void Begin(string name) => Write(Verbosity.Normal, LogLevel.Information, "== {0}", name);

    /// <summary>Ends it.</summary>
    public void End(string name, bool succeeded) => Write(Verbosity.Normal, succeeded ? LogLevel.Information : LogLevel.Error, "== {0}: {1} in {2:0.0} s", name, succeeded ? "done" : "FAILED", 0.0);

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        string text;
        try
        {
            text = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            text = format;
        }

        lock (marks)
        {
            if (format == "== {0}" && args.Length == 1)
            {
                marks.Add(new PhaseMark((string)args[0], clock.Elapsed, DateTimeOffset.UtcNow, counts()));
            }
            else if (format.StartsWith("== {0}: {1} in", StringComparison.Ordinal) && args.Length >= 2
                && marks.LastOrDefault(m => m.Name == (string)args[0] && m.End == TimeSpan.Zero) is { } mark)
            {
                mark.End = clock.Elapsed;
                mark.UtcEnd = DateTimeOffset.UtcNow;
                mark.CountsAtEnd = counts();
                mark.Succeeded = (string)args[1] == "done";
            }

            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,8:0.000} {level,-11} {text}"));
        }
    }

    public void Dispose() => file.Dispose();
}
