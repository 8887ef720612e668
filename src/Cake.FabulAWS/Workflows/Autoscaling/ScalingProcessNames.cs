using Cake.Core;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Workflows.Autoscaling;

/// <summary>The Auto Scaling process types, and the check of names given on the command line before any AWS call.</summary>
public static class ScalingProcessNames
{
    /// <summary>The nine process types of EC2 Auto Scaling, in AWS's order.</summary>
    public static readonly IReadOnlyList<string> All =
        ["Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification", "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions"];

    /// <summary>Checks names (any case, comma-separated lists allowed) and gives them as AWS spells them; empty means every process.</summary>
    /// <param name="names">The names, such as <c>launch,Terminate</c>.</param>
    /// <returns>The process names, each once, in AWS's order.</returns>
    /// <exception cref="CakeException">A name is not a process type; the message lists every unknown one and the nine types.</exception>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? names)
    {
        var given = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var unknown = given.Where(n => !All.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            var problems = unknown.Select(n => Suggestions.WithHint($"'{n}'", n, All));
            throw new CakeException($"Not an Auto Scaling process: {string.Join(", ", problems)}. The processes are {string.Join(", ", All)}; give none for all of them. Nothing was changed.");
        }

        return [.. All.Where(p => given.Contains(p, StringComparer.OrdinalIgnoreCase))];
    }
}
