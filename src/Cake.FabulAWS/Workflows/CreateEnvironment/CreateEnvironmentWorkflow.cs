using System.Text;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>
/// CreateEnvironment, FabulAWS's create_environment without its manual steps: refused while servers of the environment
/// run; the launch template and Auto Scaling group made when missing; every server of <c>servers</c> created in
/// parallel (one log file each; one failing does not stop the others) while CreateLaunchConfig bakes the web image, as
/// FabulAWS baked it alongside; then DeployFull brings up the web tier, and UpdateServerPasswords pushes the secrets to
/// every new server. The web tier goes through the same workflows as a user's CreateLaunchConfig and DeployFull.
/// </summary>
internal sealed class CreateEnvironmentWorkflow
{
    private readonly EnvironmentServices services;
    private readonly Func<CheckedBranch, CancellationToken, Task<LaunchConfigResult>> bake;
    private readonly Func<DeploySettings, CancellationToken, Task<DeployResult>> deploy;

    /// <summary>Initializes a new instance of the <see cref="CreateEnvironmentWorkflow"/> class.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="bake">CreateLaunchConfig; the real workflow unless a test gives another.</param>
    /// <param name="deploy">DeployFull; the real workflow unless a test gives another.</param>
    public CreateEnvironmentWorkflow(
        EnvironmentServices services,
        Func<CheckedBranch, CancellationToken, Task<LaunchConfigResult>>? bake = null,
        Func<DeploySettings, CancellationToken, Task<DeployResult>>? deploy = null)
    {
        this.services = services;
        this.bake = bake ?? ((verified, ct) => new CreateLaunchConfigWorkflow(services).RunAsync(verified, ct));
        this.deploy = deploy ?? ((settings, ct) => new FullDeployWorkflow(services).RunAsync(settings, ct));
    }

    /// <summary>Builds the environment.</summary>
    /// <param name="verified">The branch and commit CheckBranch verified: baked for the web tier, <c>{{commit}}</c> in commands.</param>
    /// <param name="settings">The run's choices.</param>
    /// <param name="cancellationToken">Cancels the run into its cleanup.</param>
    /// <returns>What was built.</returns>
    public async Task<CreateEnvironmentResult> RunAsync(CheckedBranch verified, CreateEnvironmentSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(settings);
        var target = services.Target;
        var name = $"{target.Deployment}/{target.Environment}";
        var commit = Git.CommitId.EnsureValid(verified.Commit, "CreateEnvironment's commit");
        ProductionConfirmation.Ensure(target, "CreateEnvironment", settings.Confirm, services.Confirmation);
        var phases = services.Phases;
        var plan = ServerPlan.For(target, services.Time.GetUtcNow());
        var passwords = new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log);

        // everything that can refuse does so before anything is made
        await phases.RunAsync($"Check that no server of {name} runs", () => RunningServers.RefuseAsync(services, cancellationToken)).ConfigureAwait(false);
        IReadOnlyList<RemoteSecret> secrets = target.PasswordNames.Count == 0 ? [] : (await passwords.ReadSecretsAsync(services.UpdateServerPasswords, cancellationToken).ConfigureAwait(false)).Secrets;
        var made = await phases.RunAsync("Make the launch template and the group", () => WebGroup.EnsureAsync(services, cancellationToken)).ConfigureAwait(false);

        var servers = plan.Select(p => new NewServer(services, p, secrets, commit)).ToList();
        IReadOnlyList<EnvironmentServer> created = [];
        LaunchConfigResult? release = null;
        Exception? bakeFailure = null;
        var what = settings.LaunchConfigName is { } reuse ? $"find release {reuse}" : "bake the web image";
        await phases.RunAsync($"Create {plan.Count} server(s) and {what}", async () =>
        {
            services.Log.Information(
                plan.Count == 0 ? "servers lists no roles for {0}: only the web tier is made." : "Creating {1} server(s) of {0} at once, each logging to its own file in {2}:",
                name, plan.Count, Path.GetDirectoryName(servers.FirstOrDefault()?.LogFile) ?? string.Empty);
            var serversDone = Task.WhenAll(servers.Select(s => s.CreateAsync(cancellationToken)));
            try
            {
                release = await ReleaseAsync(verified, settings, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                bakeFailure = e; // the servers go on: one failure does not stop the others
            }

            created = await serversDone.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                Table(created);
                services.Log.Warning("CreateEnvironment of {0} was stopped. {1}", name, LeftRunning(created));
                throw bakeFailure as OperationCanceledException ?? new OperationCanceledException(cancellationToken);
            }

            if (bakeFailure is not null || created.Any(s => s.State != ServerState.Ready))
            {
                throw new CakeException(Failed(created, bakeFailure, release));
            }
        }).ConfigureAwait(false);

        return await WebTierAsync(verified, servers, created, made, release!, phases, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CreateEnvironmentResult> WebTierAsync(
        CheckedBranch verified, IReadOnlyList<NewServer> servers, IReadOnlyList<EnvironmentServer> created, IReadOnlyList<string> made, LaunchConfigResult release, Phases.PhaseLog phases, CancellationToken cancellationToken)
    {
        var target = services.Target;
        DeployResult deployed;
        try
        {
            deployed = await phases.RunAsync("Bring up the web tier (DeployFull)", () => deploy(new DeploySettings { Release = release, Confirm = target.Environment }, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Table(created);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                services.Log.Warning("CreateEnvironment of {0}/{1} was stopped while DeployFull ran (see its lines above). {2}", target.Deployment, target.Environment, LeftRunning(created));
                throw;
            }

            throw new CakeException($"CreateEnvironment of {target.Deployment}/{target.Environment} failed at bringing up the web tier: {e.Message}\n{LeftRunning(created)} Release {release.Name} ({verified.Commit}) can be deployed again with DeployFull --launch-config={release.Name}.", e);
        }

        var web = await services.Servers.FindWebServersAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        string Zone(RemoteHost h) => group?.Instances.FirstOrDefault(i => i.InstanceId == h.InstanceId)?.AvailabilityZone ?? "zone unknown";
        var all = created.Concat(web.Select(h => new EnvironmentServer(target.WebRole, target.WebRole, Zone(h), services.Remote.LogFile(h), ServerState.Serving) { InstanceId = h.InstanceId, Address = h.Address })).ToList();
        if (target.PasswordNames.Count > 0)
        {
            var hosts = servers.Select(s => s.Host!).Concat(web).ToList();
            var settings = services.UpdateServerPasswords with { Roles = [.. all.Select(s => s.Role).Distinct(StringComparer.Ordinal)] };
            await phases.RunAsync("UpdateServerPasswords on the new servers", () => new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log).RunAsync(hosts, settings, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            services.Log.Information("No password_names: no secrets to push.");
        }

        Table(all);
        services.Log.Information(
            "CreateEnvironment of {0}/{1} done in {2:0.0} s: {3} server(s) and {4} web server(s) on {5} ({6}).{7}",
            target.Deployment, target.Environment, phases.Elapsed.TotalSeconds, created.Count, web.Count, release.Name, release.Commit, made.Count == 0 ? string.Empty : " Made: " + string.Join("; ", made) + ".");
        return new CreateEnvironmentResult(all, made, release, deployed, phases.Phases, phases.Elapsed);
    }

    private Task<LaunchConfigResult> ReleaseAsync(CheckedBranch verified, CreateEnvironmentSettings settings, CancellationToken cancellationToken) =>
        settings.LaunchConfigName is { } name ? new Releases(services).FindAsync(name, cancellationToken) : bake(verified, cancellationToken);

    private string Failed(IReadOnlyList<EnvironmentServer> created, Exception? bakeFailure, LaunchConfigResult? release)
    {
        Table(created);
        var target = services.Target;
        var failed = created.Where(s => s.State == ServerState.Failed).ToList();
        var text = new StringBuilder($"CreateEnvironment of {target.Deployment}/{target.Environment} failed: ");
        text.Append(failed.Count == 0 ? "every server is ready" : $"{failed.Count} of {created.Count} server(s) failed");
        text.Append(bakeFailure is null ? ".\n" : $", and the web image could not be made: {bakeFailure.Message}\n");
        foreach (var server in failed)
        {
            text.Append($"  {server.Label} ({server.InstanceId ?? "not launched"}, {server.Zone}) at {server.Failure}\n    log: {server.LogFile}\n");
        }

        text.Append("The web tier was not deployed");
        text.Append(release is null ? ". " : $" (its release is ready: {release.Name}, for DeployFull --launch-config={release.Name}). ");
        text.Append(LeftRunning(created));
        return text.ToString();
    }

    private string LeftRunning(IReadOnlyList<EnvironmentServer> created)
    {
        var launched = created.Where(s => s.InstanceId is not null).Select(s => s.InstanceId!).ToList();
        if (launched.Count == 0)
        {
            return "No server was launched.";
        }

        var target = services.Target;
        var aws = $"aws{(target.EndpointUrl is { } endpoint ? $" --endpoint-url {endpoint}" : string.Empty)} --region {target.Region}";
        return $"The servers are left running for you to look into; to start again, terminate them ({aws} ec2 terminate-instances --instance-ids {string.Join(' ', launched)}) and run CreateEnvironment again.";
    }

    private void Table(IReadOnlyList<EnvironmentServer> servers)
    {
        if (servers.Count == 0)
        {
            return;
        }

        services.Log.Information("Servers of {0}/{1}:", services.Target.Deployment, services.Target.Environment);
        var rows = servers.Select(s => new[] { s.Server, s.Role, s.State.ToString().ToLowerInvariant(), s.LogFile }).ToList();
        foreach (var line in TextTable.Lines(["server", "role", "state", "log file"], rows))
        {
            services.Log.Information("  {0}", line);
        }
    }
}
