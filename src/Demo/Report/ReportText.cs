using System.Globalization;
using System.Text;

namespace Demo.Report;

/// <summary>The report as the terminal shows it: phases with durations and requests, what the client saw when, a capacity chart, the checks.</summary>
internal static class ReportText
{
    public static string Render(DemoReport report, int width)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(report.Succeeded
            ? $"FabulAWS demo: done in {Duration(report.TotalSeconds)} ({report.ProcessorCount} cores)."
            : $"FabulAWS demo: FAILED after {Duration(report.TotalSeconds)}: {report.Error}");
        text.AppendLine($"A client polled the load balancer {report.Site} every {report.PollIntervalMs:0} ms; LocalAws ran at time scale {F(report.TimeScale)}.");
        text.AppendLine();
        Phases(text, report);
        text.AppendLine();
        Seen(text, report);
        text.AppendLine();
        Chart(text, report, width);
        text.AppendLine();
        foreach (var check in report.Checks)
        {
            text.AppendLine($"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}");
        }

        if (report.SiteUpSeconds is { } up && report.Requests.Failed > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  the site was up from {F1(up)} s: {report.FailedBeforeSiteUp} of the {report.Requests.Failed} failed requests came before, while the environment started");
        }

        if (report.FirstFailures.Count > 0)
        {
            text.AppendLine("  first failed requests: " + string.Join("; ", report.FirstFailures.Take(3)));
        }

        if (report.Cleanup is { } cleanup)
        {
            text.AppendLine(cleanup.DirectoryRemoved && cleanup.ProcessesLeft.Count == 0
                ? $"  cleaned up: every process stopped, {cleanup.WorkDirectory} removed" + (cleanup.ProcessesKilled.Count > 0 ? $" ({cleanup.ProcessesKilled.Count} killed by the sweep)" : string.Empty)
                : $"  CLEANUP INCOMPLETE: {cleanup.ProcessesLeft.Count} process(es) left, folder {(cleanup.DirectoryRemoved ? "removed" : "still there")}: {cleanup.WorkDirectory}");
        }

        return text.ToString();
    }

    private static void Phases(StringBuilder text, DemoReport report)
    {
        text.AppendLine("   #  phase                                 duration   requests  served  failed  upgrade page  versions");
        foreach (var p in report.Phases)
        {
            var r = p.Requests;
            var outcome = p.ExitCode is { } code && code != 0 ? $"  exit {code}, log {p.Log}" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {p.Number,2}  {Cut(p.Name, 36),-36}  {Duration(p.DurationSeconds),9}   {N(r?.Total),8}  {N(r?.Served),6}  {N(r?.Failed),6}  {N(r?.UpgradePage),12}  {(p.Versions.Count == 0 ? "-" : string.Join(", ", p.Versions))}{outcome}");
        }

        var t = report.Requests;
        text.AppendLine(CultureInfo.InvariantCulture, $"      {"total",-36}  {Duration(report.TotalSeconds),9}   {t.Total,8}  {t.Served,6}  {t.Failed,6}  {t.UpgradePage,12}");
    }

    private static void Seen(StringBuilder text, DemoReport report)
    {
        text.AppendLine("What the client saw, and when (seconds since the demo started):");
        foreach (var s in report.Seen)
        {
            var image = s.Image is null ? string.Empty : $" from {s.Image}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {F1(s.FirstSeconds),7} - {F1(s.LastSeconds),-7} {s.What}{image}: {s.Answers} answers (phase {string.Join(", ", s.Phases)})");
        }
    }

    /// <summary>
    /// Healthy in-service instances over time: one column per slice of time, full block up to the lowest value in the slice,
    /// light shade up to the highest; under the axis, each phase's number where it starts.
    /// </summary>
    public static void Chart(StringBuilder text, DemoReport report, int width)
    {
        var samples = report.Capacity;
        text.AppendLine($"Healthy in-service instances of {report.Group} over time:");
        if (samples.Count == 0 || report.TotalSeconds <= 0)
        {
            text.AppendLine("  (no samples)");
            return;
        }

        var columns = Math.Max(20, width - 8);
        var slice = report.TotalSeconds / columns;
        var low = new int?[columns];
        var high = new int?[columns];
        int? carried = null; // the value at the start of the column: the last sample before it (samples are kept where they change)
        var next = 0;
        for (var c = 0; c < columns; c++)
        {
            var (lo, hi) = (carried, carried);
            while (next < samples.Count && samples[next].Seconds < (c + 1) * slice)
            {
                var value = samples[next++].Healthy;
                (lo, hi, carried) = (Math.Min(lo ?? value, value), Math.Max(hi ?? value, value), value);
            }

            (low[c], high[c]) = (lo, hi);
        }

        var top = Math.Max(1, samples.Max(s => Math.Max(s.Healthy, s.InService)));
        for (var level = top; level >= 1; level--)
        {
            var row = new StringBuilder();
            for (var c = 0; c < columns; c++)
            {
                row.Append(low[c] >= level ? '█' : high[c] >= level ? '░' : ' ');
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {level,3} |{row.ToString().TrimEnd()}");
        }

        var axis = new char[columns];
        var marks = new char[columns];
        Array.Fill(axis, '-');
        Array.Fill(marks, ' ');
        foreach (var p in report.Phases)
        {
            var c = Math.Clamp((int)(p.StartSeconds / slice), 0, columns - 1);
            axis[c] = '+';
            // a phase too short for a column of its own is labelled right after the one before
            var label = p.Number.ToString(CultureInfo.InvariantCulture);
            var at = c;
            while (at < columns && (marks[at] != ' ' || (at > 0 && marks[at - 1] != ' ')))
            {
                at++;
            }

            for (var i = 0; i < label.Length && at + i < columns; i++)
            {
                marks[at + i] = label[i];
            }
        }

        text.AppendLine($"    0 +{new string(axis)}");
        text.AppendLine($"       {new string(marks).TrimEnd()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"       one column = {F1(slice)} s; numbers: where each phase starts; █ lowest in the column, ░ highest");
    }

    private static string Duration(double seconds) => seconds < 60
        ? F1(seconds) + " s"
        : $"{(int)(seconds / 60)} min {F1(seconds % 60)} s";

    private static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F1(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
