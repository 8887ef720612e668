using System.Globalization;
using System.Text;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.Plan;

namespace Cake.FabulAWS.Workflows.Phases;

/// <summary>
/// What a run adds in GitHub Actions (<c>GITHUB_ACTIONS=true</c>): an error annotation when it fails, and its outcome
/// as Markdown in the job's summary (<c>$GITHUB_STEP_SUMMARY</c>). Elsewhere nothing: plain logs.
/// </summary>
internal static class GitHubActions
{
    public static bool IsOn(Func<string, string?> variables) => string.Equals(variables("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The workflow command that annotates the run with an error (its message escaped as GitHub requires).</summary>
    public static string ErrorAnnotation(string title, string message) => $"::error title={Escape(title).Replace(",", "%2C", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal)}::{Escape(message)}";

    /// <summary>Appends Markdown to the job's summary, when there is one.</summary>
    public static async Task SummaryAsync(EnvironmentServices services, string markdown, CancellationToken cancellationToken)
    {
        if (IsOn(services.Variables) && services.Variables("GITHUB_STEP_SUMMARY") is { Length: > 0 } file)
        {
            await services.Files.AppendAsync(file, markdown.TrimEnd() + "\n\n", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The Markdown of a run's outcome, or null for results that have none.</summary>
    public static string? Markdown(string what, string environment, object? result) => result switch
    {
        DeployResult { Plan: { } plan } => Markdown(plan, environment),
        DeployResult deploy => Deploy(environment, deploy),
        LaunchConfigResult { IsPlan: false } made => $"### CreateLaunchConfig of {environment}: `{made.Name}`\n\nImage `{made.ImageId}` ({made.ImageName}) of commit `{made.Commit}`. Deploy it again with `--launch-config={made.Name}`.",
        _ => null,
    };

    public static string Markdown(PlanReport plan, string environment)
    {
        var text = new StringBuilder($"### Plan of {plan.What} on {environment}{(plan.HasProblems ? ": the run would fail" : string.Empty)}\n\n");
        foreach (var check in plan.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {(check.Level switch { PlanCheckLevel.Ok => "✅", PlanCheckLevel.Warning => "⚠️", _ => "❌" })} {check.Text}\n");
        }

        text.Append('\n');
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. `{plan.Steps[i].Service} {plan.Steps[i].Action}` {plan.Steps[i].Detail}\n");
        }

        return plan.Estimate is null ? text.ToString() : text.Append(CultureInfo.InvariantCulture, $"\nEstimate: {plan.Estimate}\n").ToString();
    }

    public static string Failure(string what, string environment, string message) =>
        $"### {what} of {environment}: failed\n\n```\n{message.Trim()}\n```";

    private static string Deploy(string environment, DeployResult deploy)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"### {deploy.Kind} of {environment}: done in {deploy.Duration.TotalSeconds:0.0} s\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The group runs {deploy.LaunchSource} (`{deploy.Commit}`).\n\n| phase | duration |\n| --- | --- |\n");
        foreach (var phase in deploy.Phases)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {phase.Name}{(phase.Succeeded ? string.Empty : " (failed)")} | {phase.Duration.TotalSeconds:0.0} s |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nLaunched: {(deploy.Launched.Count == 0 ? "none" : string.Join(", ", deploy.Launched))}. Terminated: {(deploy.Terminated.Count == 0 ? "none" : string.Join(", ", deploy.Terminated))}.\n");
        return text.ToString();
    }

    private static string Escape(string data) => data.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
