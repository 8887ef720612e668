using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>How a preflight check came out.</summary>
public enum PlanCheckLevel
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>Worth knowing; the run would go on.</summary>
    Warning,

    /// <summary>The run would fail here or later.</summary>
    Problem,
}

/// <summary>One preflight check.</summary>
/// <param name="Level">How it came out.</param>
/// <param name="Text">What it found.</param>
public sealed record PlanCheck(PlanCheckLevel Level, string Text);

/// <summary>One change the run would make: an AWS call, or a command on a server.</summary>
/// <param name="Service">autoscaling, ec2, elasticloadbalancing, or ssh.</param>
/// <param name="Action">The AWS action (SetDesiredCapacity), or the host for ssh.</param>
/// <param name="Detail">The values it would use.</param>
public sealed record PlanStep(string Service, string Action, string Detail);

/// <summary>
/// What <c>--plan</c> prints instead of running a target: a preflight, then in order each AWS change and each remote
/// command the run would make with the values it would use (secrets redacted), and an estimate. Only reads were made.
/// </summary>
/// <param name="what">The target.</param>
public sealed class PlanReport(string what)
{
    private readonly List<PlanCheck> checks = [];
    private readonly List<PlanStep> steps = [];

    /// <summary>Gets the target.</summary>
    public string What => what;

    /// <summary>Gets the preflight checks.</summary>
    public IReadOnlyList<PlanCheck> Checks => checks;

    /// <summary>Gets the changes, in order.</summary>
    public IReadOnlyList<PlanStep> Steps => steps;

    /// <summary>Gets the estimate of the run's duration, or null.</summary>
    public string? Estimate { get; internal set; }

    /// <summary>Gets a value indicating whether the preflight found a problem.</summary>
    public bool HasProblems => checks.Any(c => c.Level == PlanCheckLevel.Problem);

    /// <summary>Puts checks and changes that come before the target's own (the lock, an interrupted deploy) first.</summary>
    internal void Prepend(IEnumerable<PlanCheck> firstChecks, IEnumerable<PlanStep> firstSteps)
    {
        checks.InsertRange(0, firstChecks);
        steps.InsertRange(0, firstSteps);
    }

    /// <summary>Adds the checks and changes of a run this one makes (CreateEnvironment's DeployFull) after its own.</summary>
    internal void Append(PlanReport inner)
    {
        checks.AddRange(inner.checks.Select(c => c with { Text = $"{inner.What}: {c.Text}" }));
        steps.AddRange(inner.steps);
    }

    internal void Ok(string text) => checks.Add(new PlanCheck(PlanCheckLevel.Ok, text));

    internal void Warn(string text) => checks.Add(new PlanCheck(PlanCheckLevel.Warning, text));

    internal void Problem(string text) => checks.Add(new PlanCheck(PlanCheckLevel.Problem, text));

    internal void Step(string service, string action, string detail) => steps.Add(new PlanStep(service, action, detail));

    /// <summary>Logs the plan; fails when the preflight found a problem (the exit code says so in CI).</summary>
    internal void Write(ICakeLog log, string environment)
    {
        log.Information("Plan of {0} on {1} (--plan: nothing is changed; only Describe and Get calls were made):", what, environment);
        log.Information("Preflight:");
        foreach (var check in checks)
        {
            var line = $"  {Label(check.Level)}  {check.Text}";
            if (check.Level == PlanCheckLevel.Problem)
            {
                log.Error("{0}", line);
            }
            else if (check.Level == PlanCheckLevel.Warning)
            {
                log.Warning("{0}", line);
            }
            else
            {
                log.Information("{0}", line);
            }
        }

        log.Information(steps.Count == 0 ? "Changes: none." : "Changes, in order:");
        for (var i = 0; i < steps.Count; i++)
        {
            log.Information("  {0,3}. {1} {2} {3}", i + 1, steps[i].Service, steps[i].Action, steps[i].Detail);
        }

        if (Estimate is { } estimate)
        {
            log.Information("Estimate: {0}", estimate);
        }

        if (HasProblems)
        {
            throw new CakeException($"The plan of {what} on {environment} found {checks.Count(c => c.Level == PlanCheckLevel.Problem)} problem(s) (see Preflight above): the run would fail. Nothing was changed.");
        }
    }

    private static string Label(PlanCheckLevel level) => level switch
    {
        PlanCheckLevel.Ok => "ok     ",
        PlanCheckLevel.Warning => "warning",
        _ => "PROBLEM",
    };
}
