using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.Phases;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// Bakes an image of the verified commit and makes the launch source the group will deploy (FabulAWS
/// create_launch_config_for_deployment): builder, code, secrets, provisioning, image, new template version or launch
/// configuration, cleanup. The builder is terminated in every ending; a failed run removes what it made.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class CreateLaunchConfigWorkflow(EnvironmentServices services)
{
    private readonly PhaseLog phases = services.Phases;
    private readonly DeploymentTarget target = services.Target;
    private string? imageName;
    private string? imageId;
    private (string Template, long Version)? version;
    private string? configurationName;

    /// <summary>Runs the bake.</summary>
    /// <param name="verified">The branch and commit CheckBranch verified.</param>
    /// <param name="cancellationToken">Cancels the run into its cleanup.</param>
    /// <returns>What was made.</returns>
    public async Task<LaunchConfigResult> RunAsync(CheckedBranch verified, CancellationToken cancellationToken)
    {
        var commit = Git.CommitId.EnsureValid(verified.Commit, "CreateLaunchConfig's commit");
        var current = await phases.RunAsync("Check the group's launch source", () => CurrentLaunchSource.ReadAsync(services, cancellationToken)).ConfigureAwait(false);
        var builder = new BuilderInstance(services, Guid.NewGuid().ToString("N")[..12]);
        LaunchConfigResult result;
        try
        {
            await current.PinAsync(services, cancellationToken).ConfigureAwait(false);
            var host = await phases.RunAsync("Launch the builder", () => builder.LaunchAsync(cancellationToken)).ConfigureAwait(false);
            await phases.RunAsync("Deliver the code", () => DeliverAsync(host, commit, cancellationToken)).ConfigureAwait(false);
            await phases.RunAsync("Push the secrets", () => PushSecretsAsync(host, cancellationToken)).ConfigureAwait(false);
            await phases.RunAsync("Provision", () => ProvisionAsync(host, commit, cancellationToken)).ConfigureAwait(false);
            var image = await phases.RunAsync("Bake the image", () => BakeAsync(builder.Instance!.InstanceId, verified, cancellationToken)).ConfigureAwait(false);
            result = await phases.RunAsync("Make the launch source", () => MakeLaunchSourceAsync(current, image, commit, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failedPhase = phases.Current;
            var undone = new List<string?> { await builder.TerminateAsync().ConfigureAwait(false) };
            undone.AddRange(await UndoAsync().ConfigureAwait(false));
            var log = builder.Host is { } built ? $" The builder's log: {services.Remote.LogFile(built)}." : string.Empty;
            var summary = $"Cleaned up: {string.Join("; ", undone.OfType<string>().DefaultIfEmpty("nothing to clean"))}.{log}";
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                services.Log.Error("CreateLaunchConfig stopped while it was at '{0}'. {1}", failedPhase ?? "the start", summary);
                throw;
            }

            throw new CakeException($"CreateLaunchConfig failed at '{failedPhase}': {e.Message}\n{summary} Nothing was made for {target.Deployment}/{target.Environment}; the group is unchanged.", e);
        }

        await builder.TerminateAsync().ConfigureAwait(false);
        var removed = await phases.RunAsync("Remove old releases", () => CleanAsync(current, cancellationToken)).ConfigureAwait(false);
        await WriteOutputsAsync(result.Name, cancellationToken).ConfigureAwait(false);
        return result with { Removed = removed, Phases = phases.Phases };
    }

    private async Task DeliverAsync(RemoteHost host, string commit, CancellationToken cancellationToken)
    {
        var codeRoot = target.Bake.CodeRoot;
        await using var step = await services.Remote.OpenAsync([host], cancellationToken).ConfigureAwait(false);
        if (target.Bake.CodeSource == CodeSource.Clone)
        {
            var url = await services.Git.GetRemoteUrlAsync("origin", cancellationToken).ConfigureAwait(false)
                ?? throw new CakeException("code_source: clone needs the checkout's origin remote: `git remote add origin URL`.");
            services.Log.Information("Cloning {0} at {1} into {2} on the builder.", url, commit, codeRoot);
            await step.RunAsync(CodeCommands.Clone(codeRoot, url, commit, target.Ssh.CommandTimeout), cancellationToken).ConfigureAwait(false);
            return;
        }

        var archive = await services.Git.ArchiveAsync(commit, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Uploading git archive of {0} ({1:0.0} MB) to {2} on the builder.", commit, archive.Length / 1048576.0, codeRoot);
        await step.UploadAsync([new RemoteUpload(CodeCommands.ArchivePath(commit), archive)], cancellationToken).ConfigureAwait(false);
        await step.RunAsync(CodeCommands.Unpack(codeRoot, commit, target.Ssh.CommandTimeout), cancellationToken).ConfigureAwait(false);
    }

    private async Task PushSecretsAsync(RemoteHost host, CancellationToken cancellationToken)
    {
        if (!target.Bake.BakeSecrets || target.PasswordNames.Count == 0)
        {
            services.Log.Information(target.Bake.BakeSecrets ? "No password_names: no secrets to bake." : "bake_secrets: false: the image gets no secrets; push them with UpdateServerPasswords after each deploy.");
            return;
        }

        var settings = services.UpdateServerPasswords with { Roles = [BuilderInstance.Role] };
        await new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log).RunAsync([host], settings, cancellationToken).ConfigureAwait(false);
    }

    private async Task ProvisionAsync(RemoteHost host, string commit, CancellationToken cancellationToken)
    {
        var commands = target.RenderProvisionCommands(commit);
        await using var step = await services.Remote.OpenAsync([host], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < commands.Count; i++)
        {
            var command = RemoteCommand.Shell(commands[i]).InDirectory("~").WithEnvironment("DEPLOY_COMMIT", commit).WithEnvironment("FABULAWS_COMMIT", commit)
                .WithTimeout(target.Ssh.CommandTimeout);
            try
            {
                await step.RunAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteCommandException e)
            {
                var failure = e.Failures[0];
                throw new CakeException($"provision_commands[{i}] `{commands[i]}` "
                    + (failure.ExitCode is { } code ? $"exited with code {code}" : $"failed: {failure.Failure}")
                    + (failure.OutputTail.Length > 0 ? $"\nLast output:\n{failure.OutputTail}" : string.Empty), e);
            }
        }
    }

    private async Task<MachineImage> BakeAsync(string builderId, CheckedBranch verified, CancellationToken cancellationToken)
    {
        var name = imageName = ReleaseNames.Image(target, services.Time.GetUtcNow(), verified.Commit);
        var tags = new Dictionary<string, string>
        {
            ["Name"] = name,
            ["deployment"] = target.Deployment,
            ["environment"] = target.Environment,
            ["branch"] = verified.Branch,
            ["commit"] = verified.Commit,
        };
        imageId = await services.Aws.Images.CreateAsync(builderId, name, $"Cake.FabulAWS: {target.Deployment}/{target.Environment} web, {verified.Branch} at {verified.Commit}", tags, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Image {0} ({1}) is being made.", imageId, name);
        var id = imageId;
        var image = await services.Waits.UntilAsync(
            new Wait<MachineImage?>($"image {id} to be available", target.Timeouts.ImageAvailable, ct => services.Aws.Images.FindAsync(id, ct), i => i?.State == "available")
            {
                Describe = i => i?.State ?? "not described yet",
                FailFast = i => i?.State is "failed" or "error" or "invalid" or "deregistered" ? $"the image is {i.State}: {i.StateReason ?? "no reason given"}" : null,
                Poll = target.Timeouts.Poll,
                DeadlineSetting = "timeouts.image_available",
            },
            cancellationToken).ConfigureAwait(false);
        return image!;
    }

    private async Task<LaunchConfigResult> MakeLaunchSourceAsync(CurrentLaunchSource current, MachineImage image, string commit, CancellationToken cancellationToken)
    {
        if (current.Configuration is { } old)
        {
            var name = ReleaseNames.LaunchConfiguration(target, services.Time.GetUtcNow(), commit);
            await services.Aws.LaunchConfigurations.CreateAsync(old with { Name = name, ImageId = image.ImageId, CreatedTime = null }, cancellationToken).ConfigureAwait(false);
            configurationName = name;
            services.Log.Information("Launch configuration {0}: a copy of {1} with image {2}.", name, old.Name, image.ImageId);
            return new LaunchConfigResult(name, commit, image.ImageId, image.Name, LaunchSource.Configuration(name));
        }

        var template = current.TemplateName!;
        var source = current.Version!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var made = await services.Aws.LaunchTemplates.CreateVersionAsync(template, source, new LaunchTemplateChange(image.ImageId) { Description = ReleaseNames.VersionDescription(target, commit, image.Name) }, cancellationToken).ConfigureAwait(false);
        version = (template, made.Version);
        var number = made.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        services.Log.Information("Launch template {0} version {1}: version {2} with image {3} (not the default version; a deploy points the group at it).", template, number, source, image.ImageId);
        return new LaunchConfigResult($"{template}:{number}", commit, image.ImageId, image.Name, LaunchSource.Template(template, number));
    }

    private async Task<IReadOnlyList<string>> CleanAsync(CurrentLaunchSource current, CancellationToken cancellationToken)
    {
        try
        {
            return await new ReleaseCleanup(services).RunAsync(current.TemplateName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            services.Log.Warning("Removing old releases failed ({0}); the new one is ready all the same. The next CreateLaunchConfig tries again.", e.Message);
            return [];
        }
    }

    private async Task WriteOutputsAsync(string name, CancellationToken cancellationToken)
    {
        var file = Path.Combine(target.ConfigDirectory, "artifacts", "launch-config.txt");
        await services.Files.WriteAsync(file, name + "\n", cancellationToken).ConfigureAwait(false);
        if (services.Variables("GITHUB_OUTPUT") is { Length: > 0 } output)
        {
            await services.Files.AppendAsync(output, $"launch_config={name}\n", cancellationToken).ConfigureAwait(false);
        }

        services.Log.Information("Launch config: {0} (in {1}; deploy it again with --launch-config={0})", name, file);
    }

    /// <summary>Removes what this run made, newest first; each failure is reported, none hides the first error.</summary>
    private async Task<IReadOnlyList<string>> UndoAsync()
    {
        var done = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        async Task Try(string what, Func<Task> undo, bool reportSuccess = true)
        {
            try
            {
                await undo().ConfigureAwait(false);
                if (reportSuccess)
                {
                    done.Add(what + " removed");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                done.Add($"{what} NOT removed ({e.Message}): remove it by hand");
            }
        }

        if (version is { } made)
        {
            await Try($"version {made.Version} of {made.Template}", () => services.Aws.LaunchTemplates.DeleteVersionsAsync(made.Template, [made.Version], deadline.Token)).ConfigureAwait(false);
        }

        if (configurationName is { } name)
        {
            await Try($"launch configuration {name}", () => services.Aws.LaunchConfigurations.DeleteAsync(name, deadline.Token)).ConfigureAwait(false);
        }

        if (imageName is { } madeName)
        {
            // by name too: a CreateImage that was stopped may have made the image without answering its id
            var images = new List<MachineImage?>();
            await Try(
                $"image {madeName}",
                async () =>
                {
                    if (imageId is { } id)
                    {
                        images.Add(await services.Aws.Images.FindAsync(id, deadline.Token).ConfigureAwait(false));
                    }
                    else
                    {
                        images.AddRange(await services.Aws.Images.FindByTagsAsync(new Dictionary<string, string> { ["Name"] = madeName }, deadline.Token).ConfigureAwait(false));
                    }
                },
                reportSuccess: false).ConfigureAwait(false);
            foreach (var image in images.OfType<MachineImage>())
            {
                await Try($"image {image.ImageId}", async () =>
                {
                    await services.Aws.Images.DeregisterAsync(image.ImageId, deadline.Token).ConfigureAwait(false);
                    await services.Aws.Images.DeleteSnapshotsAsync(image.SnapshotIds, deadline.Token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
        }

        return done;
    }
}
