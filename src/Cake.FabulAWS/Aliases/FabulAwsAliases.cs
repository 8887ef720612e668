using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
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
        var environment = $"{target.Deployment}/{target.Environment}";
        try
        {
            var result = await work(services, signals.Token).ConfigureAwait(false);
            if (Workflows.Phases.GitHubActions.Markdown(what, environment, result) is { } summary)
            {
                await Workflows.Phases.GitHubActions.SummaryAsync(services, summary, CancellationToken.None).ConfigureAwait(false);
            }

            return result;
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            var stopped = new CakeException($"{what} on {environment} was stopped by {signal}; what it had started was cleaned up (see the lines above).");
            await AnnotateAsync(services, what, environment, stopped.Message).ConfigureAwait(false);
            throw stopped;
        }
        catch (Exception e) when (e is not OutOfMemoryException && Workflows.Phases.GitHubActions.IsOn(services.Variables))
        {
            await AnnotateAsync(services, what, environment, e.Message).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>In GitHub Actions: the failure as an error annotation and in the job's summary.</summary>
    private static async Task AnnotateAsync(EnvironmentServices services, string what, string environment, string message)
    {
        if (!Workflows.Phases.GitHubActions.IsOn(services.Variables))
        {
            return;
        }

        services.Log.Information("{0}", Workflows.Phases.GitHubActions.ErrorAnnotation($"{what} of {environment} failed", message));
        try
        {
            await Workflows.Phases.GitHubActions.SummaryAsync(services, Workflows.Phases.GitHubActions.Failure(what, environment, message), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // the summary is a courtesy: the failure itself must reach the log
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
        bool groupMayBeMissing = false,
        string? launchConfigName = null) =>
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
                await WritePlanAsync(services, report, summary: report.HasProblems || result is not Workflows.Deploy.DeployResult, cancellationToken).ConfigureAwait(false);
                return result;
            }

            if (groupMayBeMissing && await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false) is null)
            {
                return await work(services, cancellationToken).ConfigureAwait(false);
            }

            // a deploy of a release by its name: the lock names the commit it holds, which reading the release also checks
            commit ??= launchConfigName is { } name ? (await new Workflows.LaunchConfig.Releases(services).FindAsync(name, cancellationToken).ConfigureAwait(false)).Commit : null;
            await using var held = await new DeployLock(services).AcquireAsync(what, commit, cancellationToken).ConfigureAwait(false);
            await new Workflows.Deploy.InterruptedDeploy(services).ResolveAsync(what, cancellationToken).ConfigureAwait(false);
            if (what != "Cleanup")
            {
                await new Workflows.Deploy.KeptInstances(services).CleanupAsync(now: false, cancellationToken).ConfigureAwait(false);
            }

            return await work(services, cancellationToken).ConfigureAwait(false);
        }, planAware: true);

    /// <summary>
    /// Prints a plan, and in GitHub Actions puts it in the job's summary unless the run's result does (a deploy's);
    /// a plan that found a problem fails the run.
    /// </summary>
    private static async Task WritePlanAsync(EnvironmentServices services, Workflows.Plan.PlanReport report, bool summary, CancellationToken cancellationToken)
    {
        var environment = $"{services.Target.Deployment}/{services.Target.Environment}";
        if (summary)
        {
            await Workflows.Phases.GitHubActions.SummaryAsync(services, Workflows.Phases.GitHubActions.Markdown(report, environment), cancellationToken).ConfigureAwait(false);
        }

        report.Write(services.Log, environment);
    }
}
