using Cake.Core;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>The plan of UpdateServerPasswords: the secrets file read and checked, and each server the secrets would go to.</summary>
/// <param name="services">The run's services.</param>
internal sealed class ServerPasswordsPlanner(EnvironmentServices services)
{
    public async Task<PlanReport> RunAsync(CancellationToken cancellationToken)
    {
        var plan = new PlanReport("UpdateServerPasswords");
        var settings = services.UpdateServerPasswords;
        IReadOnlyList<string> names = [];
        try
        {
            var (path, secrets) = await new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log).ReadSecretsAsync(settings, cancellationToken).ConfigureAwait(false);
            names = [.. secrets.Select(s => s.Name)];
            plan.Ok($"{path} holds {string.Join(", ", names)}");
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
        }

        var hosts = await services.Servers.FindRolesAsync(settings.Deployment, settings.Environment, settings.Roles, cancellationToken).ConfigureAwait(false);
        if (hosts.Count == 0)
        {
            plan.Problem($"no running servers of {settings.Deployment}/{settings.Environment} with roles {string.Join(", ", settings.Roles)}: nothing to push the secrets to");
        }

        foreach (var host in hosts)
        {
            plan.Step("ssh", host.InstanceId is { } id ? $"{id} ({host.Address})" : host.Address, $"upload the secrets {string.Join(", ", names)} ([REDACTED]) into {settings.RemoteSecretsDirectory}, one owner-only file each");
        }

        return plan;
    }
}
