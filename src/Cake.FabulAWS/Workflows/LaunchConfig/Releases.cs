using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// Finds a launch source CreateLaunchConfig made, by the name it printed (<c>template:version</c>, or a launch
/// configuration's name), and reads back its commit: the image's <c>commit</c> tag, else the version's description,
/// else the name's <c>_&lt;commit&gt;</c> ending, as FabulAWS parsed it.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class Releases(EnvironmentServices services)
{
    /// <summary>Finds a release by name.</summary>
    /// <param name="name">The name, as CreateLaunchConfig printed it.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The release.</returns>
    /// <exception cref="CakeException">It does not exist, or CreateLaunchConfig did not make it.</exception>
    public async Task<LaunchConfigResult> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return services.Target.LaunchType == LaunchType.LaunchTemplate
            ? await FindVersionAsync(name, cancellationToken).ConfigureAwait(false)
            : await FindConfigurationAsync(name, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LaunchConfigResult> FindVersionAsync(string name, CancellationToken cancellationToken)
    {
        var colon = name.LastIndexOf(':');
        if (colon <= 0 || !long.TryParse(name[(colon + 1)..], out var number) || number < 1)
        {
            throw new CakeException($"--launch-config '{name}' is not TEMPLATE:VERSION, as CreateLaunchConfig prints it (for example demo-lt:7); launch_type is launch_template.");
        }

        var template = name[..colon];
        var version = await services.Aws.LaunchTemplates.FindVersionAsync(template, number.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"--launch-config '{name}': launch template '{template}' has no version {number} in {services.Target.Region}. Run CreateLaunchConfig, or check artifacts/launch-config.txt of the run that made it.");
        var image = version.ImageId is { } id ? await services.Aws.Images.FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var commit = Commit(image, version.Description, image?.Name)
            ?? throw NotOurs(name, $"neither its image {version.ImageId ?? "(none)"} has a commit tag nor its description names a commit");
        return new LaunchConfigResult(name, commit, version.ImageId!, image?.Name ?? string.Empty, LaunchSource.Template(template, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async Task<LaunchConfigResult> FindConfigurationAsync(string name, CancellationToken cancellationToken)
    {
        var configuration = await services.Aws.LaunchConfigurations.FindAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"--launch-config '{name}': there is no launch configuration of that name in {services.Target.Region}. Run CreateLaunchConfig, or check artifacts/launch-config.txt of the run that made it.");
        var image = await services.Aws.Images.FindAsync(configuration.ImageId, cancellationToken).ConfigureAwait(false);
        var commit = Commit(image, null, name) ?? throw NotOurs(name, "neither its image has a commit tag nor its name ends in _<commit>");
        return new LaunchConfigResult(name, commit, configuration.ImageId, image?.Name ?? string.Empty, LaunchSource.Configuration(name));
    }

    private static string? Commit(MachineImage? image, string? description, string? name) =>
        image?.Tags.GetValueOrDefault("commit") is { } tagged && Git.CommitId.IsValid(tagged) ? tagged
        : ReleaseNames.CommitIn(description) ?? ReleaseNames.CommitIn(name);

    private static CakeException NotOurs(string name, string why) =>
        new($"--launch-config '{name}' was not made by CreateLaunchConfig: {why}, so the commit to deploy to the worker is unknown. Run CreateLaunchConfig to make one.");
}
