using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS;

/// <content>The production confirmation before anything changes.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Confirms a deploy of a production environment before anything changes (also before CreateLaunchConfig): a
    /// person at a terminal types the environment's name; without one the run needs <c>--confirm=&lt;environment&gt;</c>.
    /// Environments not in <c>production_environments</c> need nothing.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment.</param>
    /// <param name="kind">What is about to run, such as DeploySerial.</param>
    /// <param name="confirm">What <c>--confirm</c> gave, or null.</param>
    /// <returns>The environment's name once confirmed (pass it on as <see cref="DeploySettings.Confirm"/>), or <paramref name="confirm"/>.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Confirm").Does(() =&gt; FabulAwsConfirmProduction(production, "DeploySerial", Argument&lt;string&gt;("confirm", "production")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Deploy)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Deploy")]
    public static string? FabulAwsConfirmProduction(this ICakeContext context, DeploymentTarget target, string kind, string? confirm)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsProduction)
        {
            return confirm;
        }

        if (context is IFabulAwsTestContext test)
        {
            using var services = test.CreateServices(target, new EnvironmentOptions());
            ProductionConfirmation.Ensure(target, kind, confirm, services.Confirmation);
        }
        else
        {
            ProductionConfirmation.Ensure(target, kind, confirm, new ConsoleConfirmation(System.Environment.GetEnvironmentVariable));
        }

        return target.Environment;
    }
}
