namespace Demo.Report;

/// <summary>Requests of the client in a span of time, by what the user saw.</summary>
internal sealed record RequestCounts(int Total, int Served, int Failed, int UpgradePage)
{
    public static RequestCounts Of(IReadOnlyCollection<SiteAnswer> answers) => new(
        answers.Count,
        answers.Count(a => a.Kind == AnswerKind.Served),
        answers.Count(a => a.Kind == AnswerKind.Failed),
        answers.Count(a => a.Kind == AnswerKind.UpgradePage));
}

/// <summary>One phase of the demo: a step of its own (start LocalAws, clone the app, the code change) or a pipeline target run.</summary>
/// <param name="Number">1-based, in order.</param>
/// <param name="Name">What happened, e.g. "DeployFull".</param>
/// <param name="Target">The pipeline target run, or null for the demo's own steps.</param>
/// <param name="StartSeconds">Since the demo started.</param>
/// <param name="EndSeconds">Since the demo started.</param>
/// <param name="ExitCode">The target run's exit code.</param>
/// <param name="Log">The target run's log file.</param>
/// <param name="Requests">What the client saw while it ran (null before the client started).</param>
/// <param name="Versions">The app versions the client was served while it ran.</param>
internal sealed record PhaseReport(int Number, string Name, string? Target, double StartSeconds, double EndSeconds, int? ExitCode, string? Log, RequestCounts? Requests, IReadOnlyList<int> Versions)
{
    public double DurationSeconds => Math.Round(EndSeconds - StartSeconds, 2);
}

/// <summary>Something the client saw for a while: a version of the app from one image, the upgrade page, or failures.</summary>
/// <param name="What">"version 1", "upgrade page", "failed".</param>
/// <param name="Version">The app version, for the app.</param>
/// <param name="Image">The image of the instances that answered, for the app ("demo-app-v1 (ami-...)").</param>
/// <param name="FirstSeconds">First seen.</param>
/// <param name="LastSeconds">Last seen.</param>
/// <param name="Answers">How many answers.</param>
/// <param name="Phases">The numbers of the phases it was seen in.</param>
internal sealed record SeenReport(string What, int? Version, string? Image, double FirstSeconds, double LastSeconds, int Answers, IReadOnlyList<int> Phases);

/// <summary>The group's capacity at one moment (a LocalAws control-loop sample).</summary>
/// <param name="Seconds">Since the demo started.</param>
/// <param name="InService">Instances in lifecycle InService.</param>
/// <param name="Healthy">InService instances that are healthy and in service in the load balancer: the capacity that serves.</param>
/// <param name="Total">Instances in any lifecycle state.</param>
internal sealed record CapacityPoint(double Seconds, int InService, int Healthy, int Total);

/// <summary>One thing the demo shows, checked.</summary>
internal sealed record CheckReport(string Name, bool Passed, string Detail);

/// <summary>Whether the demo left anything behind.</summary>
internal sealed record CleanupReport(string WorkDirectory, bool DirectoryRemoved, IReadOnlyList<string> ProcessesKilled, IReadOnlyList<string> ProcessesLeft);

/// <summary>The demo's report, as written to report.json and rendered in the terminal.</summary>
internal sealed record DemoReport
{
    public required bool Succeeded { get; init; }

    /// <summary>Gets why the demo failed or stopped (a target's failure, a check, a signal), or null.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double TotalSeconds { get; init; }

    public required string Site { get; init; }

    public required string Group { get; init; }

    public required double PollIntervalMs { get; init; }

    public required double TimeScale { get; init; }

    public required int ProcessorCount { get; init; }

    public required IReadOnlyList<PhaseReport> Phases { get; init; }

    public required RequestCounts Requests { get; init; }

    /// <summary>Gets when the client was first served the app (the site was up), or null.</summary>
    public double? SiteUpSeconds { get; init; }

    /// <summary>Gets how many requests failed before <see cref="SiteUpSeconds"/>: while the environment was starting.</summary>
    public int FailedBeforeSiteUp { get; init; }

    public required IReadOnlyList<SeenReport> Seen { get; init; }

    public required IReadOnlyList<CapacityPoint> Capacity { get; init; }

    public required IReadOnlyList<CheckReport> Checks { get; init; }

    /// <summary>Gets the first failed requests once the site was up (time and reason), for a look at what went wrong.</summary>
    public required IReadOnlyList<string> FirstFailures { get; init; }

    public CleanupReport? Cleanup { get; init; }
}
