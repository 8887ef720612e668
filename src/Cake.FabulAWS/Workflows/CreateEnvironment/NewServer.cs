using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>
/// One server of a role, made as FabulAWS's <c>_new</c> made it, minus its hard-coded setup: launched from
/// <c>instance_settings.ami</c> with the role's instance type and security groups in its zone, tagged deployment,
/// environment, role and Name; once it runs and answers SSH (host key verified as always), the secrets of
/// <c>password_names</c>, then the role's <c>role_provision_commands</c>. Everything it does and prints goes to its own
/// log file; the console gets one line per step. A failure ends this server only, and is returned, not thrown.
/// </summary>
/// <param name="services">The run's services.</param>
/// <param name="plan">The server.</param>
/// <param name="secrets">The secrets to push first (none when <c>password_names</c> is empty).</param>
/// <param name="commit">The commit CheckBranch verified, for the commands' placeholders.</param>
internal sealed class NewServer(EnvironmentServices services, PlannedServer plan, IReadOnlyList<RemoteSecret> secrets, string commit)
{
    private readonly Waiter waits = new(services.Time, new QuietLog(services.Log));
    private Ec2Instance? instance;
    private RemoteHost? host;

    /// <summary>Gets the host, once the instance runs (its log named by the plan).</summary>
    public RemoteHost? Host => host;

    /// <summary>Gets the host its log is written under: a placeholder until the instance runs.</summary>
    private RemoteHost LogHost => host ?? new RemoteHost(plan.Label) { LogName = plan.LogName };

    /// <summary>Gets the server's log file.</summary>
    public string LogFile => services.Remote.LogFile(LogHost);

    /// <summary>Creates the server; never throws but for cancellation of the whole run, which comes back as <see cref="ServerState.Stopped"/>.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Where it got to.</returns>
    public async Task<EnvironmentServer> CreateAsync(CancellationToken cancellationToken)
    {
        var target = services.Target;
        var started = services.Time.GetTimestamp();
        var step = "launch";
        try
        {
            var launch = new InstanceLaunch(target.Instance.Ami, target.InstanceTypes[plan.Role])
            {
                KeyName = target.Instance.KeyName,
                SecurityGroupIds = target.SecurityGroupsFor(plan.Role),
                SubnetId = target.Subnets.GetValueOrDefault(plan.Zone),
                AvailabilityZone = plan.Zone,
                Tags = new Dictionary<string, string>
                {
                    ["Name"] = $"{target.Deployment}_{target.Environment}_{plan.Label}",
                    ["deployment"] = target.Deployment,
                    ["environment"] = target.Environment,
                    ["role"] = plan.Role,
                },
            };
            Say($"launching from {launch.ImageId} ({launch.InstanceType}) for {target.Deployment}/{target.Environment}");
            instance = await services.Aws.Instances.LaunchAsync(launch, cancellationToken).ConfigureAwait(false);
            Say($"launched {instance.InstanceId}");

            step = "wait until it runs";
            var id = instance.InstanceId;
            var running = await waits.UntilAsync(
                new Wait<Ec2Instance?>($"{plan.Label} {id} to run", target.Timeouts.InstanceRunning, async ct => (await services.Aws.Instances.DescribeAsync([id], ct).ConfigureAwait(false)).FirstOrDefault(), i => i?.State == "running")
                {
                    Describe = i => i?.State ?? "not described yet",
                    FailFast = i => i?.State is "shutting-down" or "terminated" ? $"the instance is {i.State} (see its state reason in the EC2 console)" : null,
                    Poll = target.Timeouts.Poll,
                    DeadlineSetting = "timeouts.instance_running",
                },
                cancellationToken).ConfigureAwait(false);
            host = services.Servers.ToHost(running!) with { LogName = plan.LogName };

            step = "wait for SSH";
            Say($"{id} runs at {host.Address}; waiting for SSH");
            await waits.UntilAsync(
                new Wait<string?>($"SSH on {plan.Label} {host}", target.Timeouts.SshReady, ct => services.Remote.ProbeAsync(host, ct), failure => failure is null)
                {
                    Describe = failure => failure ?? "logged in",
                    Poll = target.Timeouts.Poll,
                    DeadlineSetting = "timeouts.ssh_ready",
                },
                cancellationToken).ConfigureAwait(false);

            await using (var remote = await services.Remote.OpenAsync([host], cancellationToken).ConfigureAwait(false))
            {
                if (secrets.Count > 0)
                {
                    step = "push the secrets";
                    Say($"pushing {secrets.Count} secret(s) to {services.UpdateServerPasswords.RemoteSecretsDirectory}", note: false);
                    await remote.WriteSecretsAsync(services.UpdateServerPasswords.RemoteSecretsDirectory, secrets, cancellationToken).ConfigureAwait(false);
                }

                var commands = target.RenderRoleProvisionCommands(plan.Role, commit);
                for (var i = 0; i < commands.Count; i++)
                {
                    step = $"role_provision_commands/{plan.Role}[{i}] `{commands[i]}`";
                    Say($"{i + 1} of {commands.Count}: {commands[i]}", note: false);
                    var command = RemoteCommand.Shell(commands[i]).InDirectory("~")
                        .WithEnvironment("FABULAWS_ROLE", plan.Role).WithEnvironment("FABULAWS_COMMIT", commit).WithTimeout(target.Ssh.CommandTimeout);
                    await remote.RunAsync(command, cancellationToken).ConfigureAwait(false);
                }
            }

            Say($"ready in {services.Time.GetElapsedTime(started).TotalSeconds:0.0} s");
            return Result(ServerState.Ready);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Say($"stopped at '{step}'", LogLevel.Warning);
            return Result(ServerState.Stopped) with { Failure = $"stopped at '{step}'" };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = $"{step}: {Reason(e)}";
            Say($"FAILED at {failure} (log: {LogFile})", LogLevel.Error);
            return Result(ServerState.Failed) with { Failure = failure };
        }
    }

    private static string Reason(Exception e)
    {
        if (e is RemoteCommandException remote && remote.Failures.FirstOrDefault() is { } failure)
        {
            var last = failure.OutputTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return (failure.ExitCode is { } code ? $"exited with code {code}" : failure.Failure ?? remote.Message) + (last is null ? string.Empty : $" (last output: {last})");
        }

        return e.Message;
    }

    private EnvironmentServer Result(ServerState state) => new(plan.Role, plan.Label, plan.Zone, LogFile, state)
    {
        InstanceId = instance?.InstanceId,
        Address = host?.Address,
    };

    /// <summary>One console line about the server, and the same line in its log unless a step of its own is logging there.</summary>
    private void Say(string text, LogLevel level = LogLevel.Information, bool note = true)
    {
        services.Log.Write(level == LogLevel.Error ? Verbosity.Quiet : Verbosity.Normal, level, "  {0}: {1}", plan.Title, text);
        if (note)
        {
            try
            {
                services.Remote.Note(LogHost, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                services.Log.Error("  {0}: cannot write its log {1} ({2})", plan.Title, LogFile, e.Message);
            }
        }
    }
}
