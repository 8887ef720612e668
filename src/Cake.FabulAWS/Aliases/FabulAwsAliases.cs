using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS;

/// <summary>
/// Aliases that deploy a web application to EC2 Auto Scaling behind a load balancer, the FabulAWS way.
/// Load the add-in with its dependencies: <c>#addin nuget:?package=Cake.FabulAWS&amp;loaddependencies=true</c>.
/// </summary>
[CakeAliasCategory("FabulAWS")]
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Runs one alias's work on the services of one environment; the first Ctrl-C or SIGTERM cancels the work into
    /// its cleanup, and the alias then fails saying so. Work that is not <c>planAware</c> (reads only, or handles
    /// <see cref="EnvironmentOptions.Plan"/> itself) is refused with --plan.
    /// </summary>
    private static async Task<T> RunAsync<T>(ICakeContext context, DeploymentTarget target, EnvironmentOptions? options, string what, Func<EnvironmentServices, CancellationToken, Task<T>> work, bool planAware = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        if (options?.Plan == true && !planAware)
        {
            throw new CakeException($"--plan is not available for {what}: it would change the servers. Run it without --plan. Nothing was changed.");
        }

        using var signals = new InterruptSignals(context.Log);
        using var services = EnvironmentServicesFactory.Create(context, target, options);
        try
        {
            return await work(services, signals.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            throw new CakeException($"{what} on {target.Deployment}/{target.Environment} was stopped by {signal}; what it had started was cleaned up (see the lines above).");
        }
    }

    /// <summary>
    /// Runs the work of a target that changes the group under the environment's lock, after finishing or rolling
    /// back a deploy that an earlier run left interrupted; the lock is released in every ending. A run that makes the
    /// group (CreateEnvironment, <c>groupMayBeMissing</c>) has nothing to lock while there is none.
    /// </summary>
    private static Task<T> RunChangingAsync<T>(
        ICakeContext context,
        DeploymentTarget target,
        EnvironmentOptions? options,
        string what,
        string? commit,
        Func<EnvironmentServices, CancellationToken, Task<T>> work,
        Func<EnvironmentServices, CancellationToken, Task<(Workflows.Plan.PlanReport Plan, T Result)>>? plan = null,
        bool groupMayBeMissing = false) =>
        RunAsync(context, target, options, what, async (services, cancellationToken) =>
        {
            if (services.Options.Plan)
            {
                if (plan is null)
                {
                    throw new CakeException($"--plan is not available for {what} yet: run it without --plan. Nothing was changed.");
                }

                var (report, result) = await plan(services, cancellationToken).ConfigureAwait(false);
                var (checks, steps) = await Workflows.Plan.SafetyPreflight.ReadAsync(services, what, cancellationToken).ConfigureAwait(false);
                report.Prepend(checks, steps);
                report.Write(services.Log, $"{target.Deployment}/{target.Environment}");
                return result;
            }

            if (groupMayBeMissing && await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false) is null)
            {
                return await work(services, cancellationToken).ConfigureAwait(false);
            }

            await using var held = await new DeployLock(services).AcquireAsync(what, commit, cancellationToken).ConfigureAwait(false);
            await new Workflows.Deploy.InterruptedDeploy(services).ResolveAsync(what, cancellationToken).ConfigureAwait(false);
            if (what != "Cleanup")
            {
                await new Workflows.Deploy.KeptInstances(services).CleanupAsync(now: false, cancellationToken).ConfigureAwait(false);
            }

            return await work(services, cancellationToken).ConfigureAwait(false);
        }, planAware: true);
}
