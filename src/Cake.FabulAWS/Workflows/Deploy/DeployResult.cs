using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.Phases;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>What a deploy did: the phases with their durations, the instances launched and terminated, and what the group runs now.</summary>
/// <param name="Kind">DeployFull or DeploySerial.</param>
/// <param name="Commit">The commit deployed.</param>
/// <param name="LaunchSource">The launch source the group uses now.</param>
/// <param name="Launched">The instances the deploy launched.</param>
/// <param name="Terminated">The instances it terminated.</param>
/// <param name="Phases">The phases.</param>
/// <param name="Duration">The whole run.</param>
public sealed record DeployResult(string Kind, string Commit, LaunchSource LaunchSource, IReadOnlyList<string> Launched, IReadOnlyList<string> Terminated, IReadOnlyList<PhaseRecord> Phases, TimeSpan Duration)
{
    /// <summary>Gets the plan when the run only planned (<c>--plan</c>): then nothing was changed.</summary>
    public Plan.PlanReport? Plan { get; init; }

    /// <summary>A result that says what a <c>--plan</c> run would have deployed.</summary>
    internal static DeployResult Planned(Plan.PlanReport plan, string kind, LaunchConfigResult? release) =>
        new(kind, release?.Commit ?? "-", release?.LaunchSource ?? new LaunchSource(), [], [], [], TimeSpan.Zero) { Plan = plan };

    /// <summary>Gets the summary lines the run ends with.</summary>
    public IReadOnlyList<string> Summary => Lines($"{Kind} done in {Duration.TotalSeconds:0.0} s: the group runs {LaunchSource} ({Commit}).");

    /// <summary>The summary of a deploy that failed or was stopped, after its rollback or its finish forward.</summary>
    /// <param name="kind">DeployFull or DeploySerial.</param>
    /// <param name="how">How it ended, such as "failed at 'Replace: round 1 of 2' and was rolled back".</param>
    /// <param name="source">The launch source the group uses now, when known.</param>
    /// <param name="run">The deploy's run.</param>
    /// <returns>The lines.</returns>
    internal static IReadOnlyList<string> AfterFailure(string kind, string how, LaunchSource? source, DeployRun run) =>
        new DeployResult(kind, "-", source ?? new LaunchSource(), [.. run.Launched], [.. run.Terminated], run.Phases.Phases, run.Phases.Elapsed)
            .Lines($"{kind} {how} after {run.Phases.Elapsed.TotalSeconds:0.0} s: the group runs {(source is null ? "a launch source to check with --target=DeployStatus" : source.ToString())}.");

    private IReadOnlyList<string> Lines(string headline) =>
    [
        headline,
        $"  launched: {(Launched.Count == 0 ? "none" : string.Join(", ", Launched))}",
        $"  terminated: {(Terminated.Count == 0 ? "none" : string.Join(", ", Terminated))}",
        "  phases: " + string.Join("; ", Phases.Select(p => $"{p.Name} {p.Duration.TotalSeconds:0.0} s{(p.Succeeded ? string.Empty : " (failed)")}")),
    ];
}
