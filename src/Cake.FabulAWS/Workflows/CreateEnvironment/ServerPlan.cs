using System.Globalization;
using Cake.Core;
using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>One server CreateEnvironment is to create.</summary>
/// <param name="Role">Its role tag.</param>
/// <param name="Label">The role, with its number when the role has several servers (<c>worker-2</c>).</param>
/// <param name="Zone">The availability zone it is launched in.</param>
/// <param name="LogName">Its log file's name, without folder and extension.</param>
internal sealed record PlannedServer(string Role, string Label, string Zone, string LogName)
{
    /// <summary>Gets how the console names it: <c>worker-2 (us-east-1b)</c>.</summary>
    public string Title => $"{Label} ({Zone})";
}

/// <summary>
/// The servers of <c>servers</c> in the file's order, placed in the zones of <c>avail_zones</c> in turn (FabulAWS put
/// db-primary and db-replica in different zones the same way), each with its log named as FabulAWS named its
/// per-server output files: <c>&lt;UTC date_time&gt;_&lt;environment&gt;_&lt;role&gt;_&lt;zone&gt;</c>.
/// </summary>
internal static class ServerPlan
{
    /// <summary>Plans the servers of an environment.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="now">When the run started: the date in every log name.</param>
    /// <returns>The servers, in the order they are listed.</returns>
    /// <exception cref="CakeException">There are servers but no zones to put them in.</exception>
    public static IReadOnlyList<PlannedServer> For(DeploymentTarget target, DateTimeOffset now)
    {
        var servers = target.Servers.Where(s => s.Count > 0).ToList();
        if (servers.Count == 0)
        {
            return [];
        }

        var zones = target.AvailabilityZones;
        if (zones.Count == 0)
        {
            throw new CakeException($"CreateEnvironment puts each server of {target.Deployment}/{target.Environment} in a zone of avail_zones, as FabulAWS did: list at least one (avail_zones: [a, b]) in fabulaws-config.yml. Nothing was changed.");
        }

        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture);
        var planned = new List<PlannedServer>();
        foreach (var role in servers)
        {
            for (var number = 1; number <= role.Count; number++)
            {
                var label = role.Count == 1 ? role.Role : $"{role.Role}-{number}";
                var zone = zones[planned.Count % zones.Count];
                planned.Add(new PlannedServer(role.Role, label, zone, $"{stamp}_{target.Environment}_{label}_{zone}"));
            }
        }

        return planned;
    }
}
