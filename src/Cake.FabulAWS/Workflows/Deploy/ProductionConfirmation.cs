using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// Before a deploy changes an environment of <c>production_environments</c>: a person at a terminal types the
/// environment's name; without a terminal (CI) the run must carry <c>--confirm=&lt;environment&gt;</c>.
/// </summary>
internal static class ProductionConfirmation
{
    /// <summary>Confirms, or refuses with what to do.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="kind">DeployFull or DeploySerial.</param>
    /// <param name="confirm">What <c>--confirm</c> gave, or null.</param>
    /// <param name="confirmation">The terminal.</param>
    /// <exception cref="CakeException">Not confirmed; nothing was changed.</exception>
    public static void Ensure(DeploymentTarget target, string kind, string? confirm, IConfirmation confirmation)
    {
        if (!target.IsProduction || confirm == target.Environment)
        {
            return;
        }

        if (confirm is not null)
        {
            throw new CakeException($"--confirm={confirm} does not name this environment: {kind} of {target.Deployment}/{target.Environment} needs --confirm={target.Environment}. Nothing was changed.");
        }

        if (!confirmation.IsInteractive)
        {
            throw new CakeException($"{target.Environment} is a production environment and there is no terminal to confirm {kind} at: run again with --confirm={target.Environment}. Nothing was changed.");
        }

        var answer = confirmation.Ask($"{kind} of {target.Deployment} to the production environment '{target.Environment}'{(kind == "DeployFull" ? " (with downtime)" : string.Empty)}. Type its name to go on: ");
        if (answer?.Trim() != target.Environment)
        {
            throw new CakeException($"{kind} of {target.Environment} was not confirmed (typed '{answer?.Trim()}'). Nothing was changed.");
        }
    }
}
