using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>Runs the deploy_worker commands in order on the one worker; the first failure stops the sequence.</summary>
/// <param name="remote">The remote-host port.</param>
/// <param name="log">The Cake log.</param>
internal sealed class DeployWorkerWorkflow(IRemoteHosts remote, ICakeLog log)
{
    /// <summary>Picks the worker and runs the commands.</summary>
    /// <param name="workers">The servers with the worker role.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per command run.</returns>
    public async Task<IReadOnlyList<HostResult>> RunAsync(IReadOnlyList<RemoteHost> workers, DeployWorkerSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(settings);
        Git.CommitId.EnsureValid(settings.Commit, "deploy_worker's commit");

        var commands = WorkerCommands.For(settings);
        var worker = Pick(workers, settings);
        if (commands.Count == 0)
        {
            log.Warning("deploy_worker: no deploy_worker_commands configured; nothing to run on {0}.", worker.Address);
            return [];
        }

        log.Information("deploy_worker: {0} command(s) on {1} for commit {2}", commands.Count, worker, settings.Commit);
        var results = new List<HostResult>();
        await using var step = await remote.OpenAsync([worker], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < commands.Count; i++)
        {
            try
            {
                results.AddRange(await step.RunAsync(commands[i], cancellationToken).ConfigureAwait(false));
            }
            catch (RemoteCommandException e)
            {
                var failure = e.Failures[0];
                throw new CakeException(
                    $"deploy_worker stopped at command {i + 1} of {commands.Count} on {worker}: `{settings.Commands[i]}` "
                    + (failure.ExitCode is { } code ? $"exited with code {code}" : $"failed: {failure.Failure}")
                    + (failure.OutputTail.Length > 0 ? $"\nLast output:\n{failure.OutputTail}" : string.Empty)
                    + $"\nCommands after it did not run. Fix the cause and run deploy_worker again (see the log file for {worker.Address}).");
            }
        }

        return results;
    }

    /// <summary>The worker to run on: the one named by <see cref="DeployWorkerSettings.WorkerHost"/>, or the only one.</summary>
    /// <param name="workers">The servers with the worker role.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The worker.</returns>
    internal static RemoteHost Pick(IReadOnlyList<RemoteHost> workers, DeployWorkerSettings settings)
    {
        if (settings.WorkerHost is { } wanted)
        {
            return workers.FirstOrDefault(w => w.InstanceId == wanted || w.Address == wanted)
                ?? throw new CakeException($"deploy_worker: the worker '{wanted}' is not among the running '{settings.WorkerRole}' servers of {settings.Deployment}/{settings.Environment}: {Describe(workers)}.");
        }

        return workers.Count switch
        {
            0 => throw new CakeException($"deploy_worker: no running server is tagged deployment={settings.Deployment}, environment={settings.Environment}, role={settings.WorkerRole}. Create the worker, or check the tags."),
            1 => workers[0],
            _ => throw new CakeException($"deploy_worker: {workers.Count} servers have the role '{settings.WorkerRole}' ({Describe(workers)}); name the one to use with --worker=INSTANCE_ID (EnvironmentOptions.WorkerHost), or stop the others."),
        };
    }

    private static string Describe(IReadOnlyList<RemoteHost> hosts) => hosts.Count == 0 ? "none" : string.Join(", ", hosts);
}
