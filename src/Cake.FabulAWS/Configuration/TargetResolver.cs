using Cake.FabulAWS.Configuration.Sections;
using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.Core;

namespace Cake.FabulAWS.Configuration;

/// <summary>Picks the deployment and environment asked for and gathers their values into a <see cref="DeploymentTarget"/>.</summary>
internal static class TargetResolver
{
    public static DeploymentTarget Resolve(ConfigurationModel model, string? environment, string? deployment, Func<string, string?> getEnvironmentVariable)
    {
        var topology = model.Topology;
        var chosenDeployment = ChooseDeployment(model, deployment);
        var chosenEnvironment = ChooseEnvironment(model, environment);
        var maps = model.Maps;
        var webRole = model.Commands.WebRole!;
        var workerRole = model.Commands.WorkerRole!;
        var servers = model.Servers.ServersFor(chosenEnvironment).Where(s => s.Count > 0).ToList();
        var roles = new[] { webRole, workerRole }.Concat(servers.Select(s => s.Role)).Distinct(StringComparer.Ordinal).ToList();
        var region = model.Aws.Region!;
        return new DeploymentTarget
        {
            Deployment = chosenDeployment,
            Environment = chosenEnvironment,
            Branch = maps.Branches.Find(chosenDeployment, chosenEnvironment)!,
            IsProduction = topology.ProductionEnvironments.Contains(chosenEnvironment),
            Region = region,
            AwsProfile = model.Aws.Profile!.For(chosenEnvironment),
            EndpointUrl = model.Aws.EndpointUrls.GetValueOrDefault(chosenEnvironment),
            AutoScalingGroupName = maps.AutoScalingGroups.Find(chosenDeployment, chosenEnvironment)!,
            LoadBalancerNames = maps.LoadBalancers.Find(chosenDeployment, chosenEnvironment) ?? [],
            TargetGroups = maps.TargetGroups.Find(chosenDeployment, chosenEnvironment) ?? [],
            LaunchType = model.Aws.LaunchType!.Value,
            LaunchTemplateName = maps.LaunchTemplates.Find(chosenDeployment, chosenEnvironment),
            InstanceTypes = maps.InstanceTypes.ValuesFor(chosenEnvironment, roles),
            SecurityGroups = maps.SecurityGroups.ValuesFor(chosenEnvironment, roles),
            AvailabilityZones = model.Aws.AvailabilityZones.Select(zone => region + zone).ToList(),
            Subnets = model.Aws.Subnets.ToDictionary(pair => region + pair.Key, pair => pair.Value, StringComparer.Ordinal),
            Instance = model.Instance,
            DeployUser = model.Ssh.DeployUser!.For(chosenEnvironment),
            SshAddressAttribute = model.Ssh.AddressAttribute!.For(chosenEnvironment),
            Ssh = SshSettingsFor(model, chosenEnvironment, getEnvironmentVariable),
            PasswordNames = model.PasswordNames,
            StaticHtml = model.StaticHtml,
            WebRole = webRole,
            WorkerRole = workerRole,
            ProvisionCommands = model.Commands.ProvisionCommands,
            DeployWorkerCommands = model.Commands.DeployWorkerCommands,
            Timeouts = model.Timeouts,
            Bake = model.Bake,
            Serial = model.Deploy.Serial,
            SmokeCheck = model.Deploy.SmokeChecks.GetValueOrDefault(chosenEnvironment),
            WebPort = model.Deploy.WebPort!.For(chosenEnvironment),
            KeepPrevious = model.Deploy.KeepPrevious!.For(chosenEnvironment),
            Servers = servers,
            RoleProvisionCommands = model.Servers.RoleCommands,
            Group = model.Servers.GroupFor(chosenEnvironment),
            ConfigFile = model.File,
        };
    }

    private static SshConfiguration SshSettingsFor(ConfigurationModel model, string environment, Func<string, string?> getEnvironmentVariable)
    {
        var ssh = model.Ssh;
        var (keyPath, keySource) = getEnvironmentVariable(SshConfiguration.KeyEnvironmentVariable) is { Length: > 0 } fromVariable
            ? (LocalPaths.Resolve(fromVariable, Directory.GetCurrentDirectory()), SshConfiguration.KeyEnvironmentVariable)
            : ssh.KeyPath!.For(environment) is { } fromFile
                ? (LocalPaths.Resolve(fromFile, model.BaseDirectory), $"ssh_key in {model.File}")
                : ((string?)null, "none");
        return new SshConfiguration(
            ssh.DeployUser!.For(environment),
            ssh.Port!.For(environment),
            keyPath,
            keySource,
            ssh.KnownHostsPath!.For(environment) is { } knownHosts ? LocalPaths.Resolve(knownHosts, model.BaseDirectory) : null,
            TimeSpan.FromSeconds(ssh.ConnectTimeoutSeconds!.Value),
            TimeSpan.FromSeconds(ssh.CommandTimeoutSeconds!.Value));
    }

    private static string ChooseDeployment(ConfigurationModel model, string? deployment)
    {
        var deployments = model.Topology.Deployments!;
        var listing = string.Join(", ", deployments);
        if (string.IsNullOrWhiteSpace(deployment))
        {
            if (model.Topology.DefaultDeployment is { } fallback)
            {
                return fallback;
            }

            if (deployments.Count == 1)
            {
                return deployments[0];
            }

            throw Problem(model, model.Topology.DeploymentsMark, "deployments", $"no deployment chosen and no default_deployment; deployments: {listing}", $"Pass --deployment=NAME with one of: {listing}, or set default_deployment.");
        }

        if (deployments.Contains(deployment))
        {
            return deployment;
        }

        var message = Suggestions.WithHint($"unknown deployment '{deployment}'", deployment, deployments);
        throw Problem(model, model.Topology.DeploymentsMark, "deployments", $"{message}; deployments: {listing}", $"Pass --deployment=NAME with one of: {listing}.");
    }

    private static string ChooseEnvironment(ConfigurationModel model, string? environment)
    {
        var environments = model.Topology.Environments!;
        var listing = string.Join(", ", environments);
        var advice = $"Pass --environment=NAME with one of: {listing} (deployments: {string.Join(", ", model.Topology.Deployments!)}).";
        if (string.IsNullOrWhiteSpace(environment))
        {
            throw Problem(model, model.Topology.EnvironmentsMark, "environments", $"no environment chosen; environments: {listing}", advice);
        }

        if (environments.Contains(environment))
        {
            return environment;
        }

        var message = Suggestions.WithHint($"unknown environment '{environment}'", environment, environments);
        throw Problem(model, model.Topology.EnvironmentsMark, "environments", $"{message}; environments: {listing}", advice);
    }

    private static FabulAwsConfigurationException Problem(ConfigurationModel model, Mark mark, string path, string message, string advice) =>
        new([new ConfigurationError(model.File, (int)mark.Line, (int)mark.Column, path, message)], advice);
}
