using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;

namespace Cake.FabulAWS;

/// <content>Pushing secrets to the servers.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Pushes the secrets named in <c>password_names</c> from <c>fabsecrets_&lt;environment&gt;.yml</c> (beside the
    /// config) to every web and worker server of the environment, one owner-only (0600) file each. Never part of a deploy.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("UpdateServerPasswords").Does(async () =&gt;
    ///     await FabulAwsUpdateServerPasswordsAsync(staging, new EnvironmentOptions { RemoteUser = "ubuntu" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Secrets)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static Task<IReadOnlyList<HostResult>> FabulAwsUpdateServerPasswordsAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "UpdateServerPasswords", async (services, cancellationToken) =>
        {
            if (services.Options.Plan)
            {
                await WritePlanAsync(services, await new Workflows.Plan.ServerPasswordsPlanner(services).RunAsync(cancellationToken).ConfigureAwait(false), summary: true, cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<HostResult>)[];
            }

            var settings = services.UpdateServerPasswords;
            var hosts = await services.Servers.FindRolesAsync(settings.Deployment, settings.Environment, settings.Roles, cancellationToken).ConfigureAwait(false);
            return await new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log).RunAsync(hosts, settings, cancellationToken).ConfigureAwait(false);
        }, planAware: true);
}
