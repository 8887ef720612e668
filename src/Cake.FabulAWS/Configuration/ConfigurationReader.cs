using Cake.FabulAWS.Configuration.Sections;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration;

/// <summary>The sections of a configuration file that passed validation.</summary>
internal sealed record ConfigurationModel(
    string File,
    string BaseDirectory,
    TopologySection Topology,
    AwsSection Aws,
    ScopedSections Maps,
    InstanceSettings Instance,
    SshSection Ssh,
    StaticHtmlFiles StaticHtml,
    CommandsSection Commands,
    IReadOnlyList<string> PasswordNames,
    WaitTimeouts Timeouts,
    BakeSettings Bake,
    DeploySection Deploy,
    ServersSection Servers,
    IReadOnlyList<ConfigurationError> Warnings);

/// <summary>
/// Reads every section (each validates itself), then runs the cross-section rules, and throws one
/// <see cref="FabulAwsConfigurationException"/> listing every error found.
/// </summary>
internal static class ConfigurationReader
{
    public static ConfigurationModel Read(string text, string file, string baseDirectory, bool checkFiles)
    {
        var d = new Diagnostics(file);
        if (YamlDocumentReader.ReadRoot(text, d) is not { } mapping)
        {
            throw new FabulAwsConfigurationException(d.Errors);
        }

        var root = new RootEntries(Keys.Check(mapping, string.Empty, KnownKeys.Root, KnownKeys.FabulAwsOnlyRoot, d), mapping.Start);
        var topology = TopologySection.Read(root, d);
        var aws = AwsSection.Read(root, topology, d);
        var maps = ScopedSections.Read(root, topology, d);
        var instance = InstanceSettingsSection.Read(root, d);
        var ssh = SshSection.Read(root, topology.EnvironmentScope, d);
        var staticHtml = StaticHtmlSection.Read(root, baseDirectory, checkFiles, d);
        var commands = CommandsSection.Read(root, d);
        var passwordNames = SecretsSection.Read(root, d);
        var timeouts = TimeoutsSection.Read(root, d);
        var bake = BakeSection.Read(root, d);
        var deploy = DeploySection.Read(root, topology.EnvironmentScope, d);
        var servers = ServersSection.Read(root, topology.EnvironmentScope, commands.WebRole, d);
        CrossChecks.Run(root, topology, maps, aws, commands, servers, d);

        if (d.HasErrors)
        {
            throw new FabulAwsConfigurationException(d.Errors);
        }

        return new ConfigurationModel(file, baseDirectory, topology, aws, maps, instance!, ssh, staticHtml!, commands, passwordNames, timeouts, bake, deploy, servers, d.Warnings);
    }
}
