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
    public IReadOnlyList<string> Summary =>
    [
        $"{Kind} done in {Duration.TotalSeconds:0.0} s: the group runs {LaunchSource} ({Commit}).",
        $"  launched: {(Launched.Count == 0 ? "none" : string.Join(", ", Launched))}",
        $"  terminated: {(Terminated.Count == 0 ? "none" : string.Join(", ", Terminated))}",
        "  phases: " + string.Join("; ", Phases.Select(p => $"{p.Name} {p.Duration.TotalSeconds:0.0} s{(p.Succeeded ? string.Empty : " (failed)")}")),
    ];
}
