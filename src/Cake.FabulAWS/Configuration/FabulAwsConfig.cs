using System.Text;

namespace Cake.FabulAWS.Configuration;

/// <summary>
/// A validated <c>fabulaws-config.yml</c>. Loading checks the whole file and throws one
/// <see cref="FabulAwsConfigurationException"/> listing every problem before anything runs;
/// <see cref="Resolve(string, string?)"/> then gives what one environment needs.
/// </summary>
public sealed class FabulAwsConfig
{
    /// <summary>The file name a project keeps its configuration in, at the repository root.</summary>
    public const string DefaultFileName = "fabulaws-config.yml";

    private FabulAwsConfig(ConfigurationModel model)
    {
        Model = model;
    }

    /// <summary>Gets the configuration file, as it was given.</summary>
    public string File => Model.File;

    /// <summary>Gets the deployments (<c>deployments</c>).</summary>
    public IReadOnlyList<string> Deployments => Model.Topology.Deployments!;

    /// <summary>Gets the deployment used when none is given (<c>default_deployment</c>), or <c>null</c>.</summary>
    public string? DefaultDeployment => Model.Topology.DefaultDeployment;

    /// <summary>Gets the environments (<c>environments</c>).</summary>
    public IReadOnlyList<string> Environments => Model.Topology.Environments!;

    /// <summary>Gets the production environments (<c>production_environments</c>, default <c>[production]</c> when there is one).</summary>
    public IReadOnlyList<string> ProductionEnvironments => Model.Topology.ProductionEnvironments;

    /// <summary>Gets the keys of FabulAWS's own file that are ignored here, each with its position; log them.</summary>
    public IReadOnlyList<ConfigurationError> Warnings => Model.Warnings;

    internal ConfigurationModel Model { get; }

    /// <summary>Reads and validates a configuration file; relative paths in it are relative to its folder.</summary>
    /// <param name="path">The file, usually <see cref="DefaultFileName"/>.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="FabulAwsConfigurationException">The file is missing, is not valid YAML, or has errors; all are listed.</exception>
    public static FabulAwsConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!System.IO.File.Exists(fullPath))
        {
            throw new FabulAwsConfigurationException(
                [new ConfigurationError(path, 0, 0, string.Empty, $"file not found ({fullPath})")],
                "Create it from fabulaws-config.example.yml, or pass the path of your configuration file.");
        }

        var text = System.IO.File.ReadAllText(fullPath, Encoding.UTF8);
        return new FabulAwsConfig(ConfigurationReader.Read(text, path, Path.GetDirectoryName(fullPath)!, checkFiles: true));
    }

    /// <summary>
    /// Validates configuration text. Relative paths are relative to the folder of <paramref name="fileName"/>;
    /// unlike <see cref="Load(string)"/>, the files named in <c>static_html</c> are not required to exist.
    /// </summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="fileName">The name to report errors against.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="FabulAwsConfigurationException">The text is not valid YAML or has errors; all are listed.</exception>
    public static FabulAwsConfig Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(fileName))!;
        return new FabulAwsConfig(ConfigurationReader.Read(yaml, fileName, baseDirectory, checkFiles: false));
    }

    /// <summary>
    /// Gives everything needed to deploy one environment. The deployment defaults to <c>default_deployment</c>,
    /// or to the only deployment. <c>ssh_key</c> is overridden by the <c>FABULAWS_SSH_KEY</c> environment variable.
    /// </summary>
    /// <param name="environment">The environment, as passed with <c>--environment=NAME</c>.</param>
    /// <param name="deployment">The deployment, as passed with <c>--deployment=NAME</c>; <c>null</c> for the default.</param>
    /// <returns>The target.</returns>
    /// <exception cref="FabulAwsConfigurationException">The environment or deployment is missing or unknown; the message lists the names.</exception>
    public DeploymentTarget Resolve(string environment, string? deployment = null) =>
        Resolve(environment, deployment, System.Environment.GetEnvironmentVariable);

    internal DeploymentTarget Resolve(string? environment, string? deployment, Func<string, string?> getEnvironmentVariable) =>
        TargetResolver.Resolve(Model, environment, deployment, getEnvironmentVariable);
}
