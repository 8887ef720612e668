using System.Globalization;

namespace Demo.Report;

/// <summary>A phase as the run recorded it, before the client's answers are counted into it.</summary>
internal sealed record PhaseRecord(string Name, string? Target, double StartSeconds, double EndSeconds, int? ExitCode = null, string? Log = null);

/// <summary>The facts of the run the report states as they are.</summary>
internal sealed record RunFacts(DateTimeOffset StartedAt, double TotalSeconds, string Site, string Group, double PollIntervalMs, double TimeScale, CleanupReport? Cleanup)
{
    /// <summary>Gets what the watch after DeployFull saw: the group kept its instances once the upgrade page was gone; null when it did not pass or run.</summary>
    public string? KeptAfterUpgradePage { get; init; }
}

/// <summary>Turns what the run recorded (phases, the client's answers, LocalAws's capacity samples) into the report.</summary>
internal static class ReportBuilder
{
    public const string DeployFull = "DeployFull";
    public const string DeploySerial = "DeploySerial";

    /// <summary>Builds the report.</summary>
    /// <param name="phases">In order; each answer counts in the phase during which it was sent.</param>
    /// <param name="answers">The client's answers, in order.</param>
    /// <param name="clientStart">When the client started, in seconds; phases that ended before have no request counts.</param>
    /// <param name="images">The image name of each instance that answered.</param>
    /// <param name="capacity">The capacity samples.</param>
    /// <param name="error">Why the run stopped, or null.</param>
    /// <param name="facts">Site, group, settings, times, cleanup.</param>
    /// <returns>The report.</returns>
    public static DemoReport Build(IReadOnlyList<PhaseRecord> phases, IReadOnlyList<SiteAnswer> answers, double? clientStart, IReadOnlyDictionary<string, string> images, IReadOnlyList<CapacityPoint> capacity, string? error, RunFacts facts)
    {
        var phaseOf = new int[answers.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            phaseOf[i] = PhaseIndex(phases, answers[i].At);
        }

        var phaseReports = phases.Select((p, n) =>
        {
            var mine = answers.Where((_, i) => phaseOf[i] == n).ToList();
            var polled = clientStart is { } s && s < p.EndSeconds;
            return new PhaseReport(n + 1, p.Name, p.Target, Round(p.StartSeconds), Round(p.EndSeconds), p.ExitCode, p.Log, polled ? RequestCounts.Of(mine) : null,
                mine.Where(a => a.Version is not null).Select(a => a.Version!.Value).Distinct().Order().ToList());
        }).ToList();

        var seen = answers.Select((a, i) => (Answer: a, Phase: phaseOf[i] + 1))
            .GroupBy(x => Seen(x.Answer, images))
            .Select(g => new SeenReport(g.Key.What, g.Key.Version, g.Key.Image, Round(g.Min(x => x.Answer.At)), Round(g.Max(x => x.Answer.At)), g.Count(), g.Select(x => x.Phase).Distinct().Order().ToList()))
            .OrderBy(s => s.FirstSeconds)
            .ToList();

        var checks = Checks(phaseReports, answers, facts.KeptAfterUpgradePage);
        var up = answers.FirstOrDefault(a => a.Kind == AnswerKind.Served) is { } first ? Round(first.At) : (double?)null;
        var failedChecks = checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
        error ??= failedChecks.Count > 0 ? "the demo did not show what it should: " + string.Join("; ", failedChecks) : null;
        if (facts.Cleanup is { } cleanup && (!cleanup.DirectoryRemoved || cleanup.ProcessesLeft.Count > 0))
        {
            error ??= $"the cleanup left {cleanup.ProcessesLeft.Count} process(es) or the folder {cleanup.WorkDirectory} behind";
        }

        return new DemoReport
        {
            Succeeded = error is null,
            StartedAt = facts.StartedAt,
            TotalSeconds = Round(facts.TotalSeconds),
            Site = facts.Site,
            Group = facts.Group,
            PollIntervalMs = facts.PollIntervalMs,
            TimeScale = facts.TimeScale,
            ProcessorCount = Environment.ProcessorCount,
            Cleanup = facts.Cleanup,
            Error = error,
            Phases = phaseReports,
            Requests = RequestCounts.Of(answers.ToList()),
            SiteUpSeconds = up,
            FailedBeforeSiteUp = answers.Count(a => a.Kind == AnswerKind.Failed && (up is null || a.At < up)),
            Seen = seen,
            Capacity = capacity,
            Checks = checks,
            FirstFailures = answers.Where(a => a.Kind == AnswerKind.Failed && (up is null || a.At >= up)).Take(10)
                .Select(a => $"{a.At.ToString("0.0", CultureInfo.InvariantCulture)} s: {a.Detail}").ToList(),
        };
    }

    /// <summary>The check that EndUpgrade removed nothing of the application: the load balancer kept every instance.</summary>
    public const string KeptCheck = "the group kept its instances after the upgrade page came down";

    /// <summary>What the demo is for: the serial deploy keeps the site up, only the full deploy shows the upgrade page and takes nothing of the app with it, the change reaches the users.</summary>
    public static IReadOnlyList<CheckReport> Checks(IReadOnlyList<PhaseReport> phases, IReadOnlyList<SiteAnswer> answers, string? keptAfterUpgradePage)
    {
        var checks = new List<CheckReport>();
        var serial = phases.LastOrDefault(p => p.Target == DeploySerial);
        checks.Add(serial?.Requests is { } s
            ? new CheckReport("no failed request during DeploySerial", s.Failed == 0 && s.Total > 0, $"{s.Failed} failed of {s.Total}")
            : new CheckReport("no failed request during DeploySerial", false, "DeploySerial did not run"));

        // CreateEnvironment brings the web tier up with a DeployFull of its own
        var full = phases.Where(p => p.Target is DeployFull or "CreateEnvironment" && p.Requests is not null).ToList();
        var during = full.Sum(p => p.Requests!.UpgradePage);
        var elsewhere = phases.Except(full).Sum(p => p.Requests?.UpgradePage ?? 0);
        checks.Add(full.Count > 0
            ? new CheckReport("the upgrade page only during DeployFull", during > 0 && elsewhere == 0, $"{during} during DeployFull, {elsewhere} at other times")
            : new CheckReport("the upgrade page only during DeployFull", false, "DeployFull did not run"));

        var versions = answers.Where(a => a.Version is not null).Select(a => a.Version!.Value).Distinct().Order().ToList();
        var first = answers.FirstOrDefault(a => a.Version is not null)?.Version;
        var last = answers.LastOrDefault(a => a.Version is not null)?.Version;
        checks.Add(new CheckReport(KeptCheck, keptAfterUpgradePage is not null, keptAfterUpgradePage ?? "not watched: the demo stopped before, or the group changed"));
        checks.Add(new CheckReport(
            "both versions seen",
            versions.Count >= 2 && first < last,
            versions.Count == 0 ? "no version seen" : $"versions {string.Join(", ", versions)}; first {first}, last {last}"));
        return checks;
    }

    private static (string What, int? Version, string? Image) Seen(SiteAnswer answer, IReadOnlyDictionary<string, string> images) => answer.Kind switch
    {
        AnswerKind.Served => (answer.Version is { } v ? $"version {v}" : "the app (no version on the page)", answer.Version, answer.Instance is { } id ? images.GetValueOrDefault(id) : null),
        AnswerKind.UpgradePage => ("upgrade page (503)", null, null),
        _ => ("failed", null, null),
    };

    private static int PhaseIndex(IReadOnlyList<PhaseRecord> phases, double at)
    {
        for (var i = phases.Count - 1; i >= 0; i--)
        {
            if (at >= phases[i].StartSeconds)
            {
                return i;
            }
        }

        return 0;
    }

    private static double Round(double seconds) => Math.Round(seconds, 2);
}
