namespace Cake.FabulAWS.Configuration;

/// <summary>
/// Everything a workflow needs to deploy one environment of one deployment, resolved from
/// <c>fabulaws-config.yml</c> by <see cref="FabulAwsConfig.Resolve(string, string?)"/>.
/// </summary>
public sealed record DeploymentTarget
{
    /// <summary>Gets the deployment (FabulAWS's deployment tag), e.g. <c>myproject</c>.</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the environment, e.g. <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>Gets the git branch this environment deploys (<c>branches</c>).</summary>
    public required string Branch { get; init; }

    /// <summary>Gets a value indicating whether the environment is listed in <c>production_environments</c>.</summary>
    public required bool IsProduction { get; init; }

    /// <summary>Gets the AWS region, e.g. <c>us-east-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the profile of ~/.aws/config to use (<c>aws_profile</c>), or <c>null</c> for AWS_PROFILE or the default chain.</summary>
    public string? AwsProfile { get; init; }

    /// <summary>Gets the AWS endpoint for every service (<c>endpoint_urls</c>), or <c>null</c> for the real AWS.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Gets the Auto Scaling group name (<c>auto_scaling_groups</c>).</summary>
    public required string AutoScalingGroupName { get; init; }

    /// <summary>Gets the classic load balancer names (<c>load_balancers</c>); may be empty.</summary>
    public required IReadOnlyList<string> LoadBalancerNames { get; init; }

    /// <summary>Gets the ELBv2 target group ARNs or names (<c>target_groups</c>); may be empty.</summary>
    public required IReadOnlyList<string> TargetGroups { get; init; }

    /// <summary>Gets how new instances are described: launch template or launch configuration.</summary>
    public required LaunchType LaunchType { get; init; }

    /// <summary>
    /// Gets the launch template to add versions to (<c>launch_templates</c>); <c>null</c> means the template the
    /// group already uses. Always <c>null</c> with <see cref="LaunchType.LaunchConfiguration"/>.
    /// </summary>
    public string? LaunchTemplateName { get; init; }

    /// <summary>Gets the instance type of each role in this environment (<c>instance_types</c>); always has <see cref="WebRole"/>.</summary>
    public required IReadOnlyDictionary<string, string> InstanceTypes { get; init; }

    /// <summary>Gets the security groups of each role in this environment (<c>security_groups</c>).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> SecurityGroups { get; init; }

    /// <summary>Gets the full availability zone names, e.g. <c>us-east-1a</c> (<c>avail_zones</c>); may be empty.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>Gets the subnet of each full availability zone name (<c>subnets</c>); may be empty.</summary>
    public required IReadOnlyDictionary<string, string> Subnets { get; init; }

    /// <summary>Gets how the builder instance is launched (<c>instance_settings</c>).</summary>
    public required InstanceSettings Instance { get; init; }

    /// <summary>Gets the user that owns the application on the instances and logs in over SSH (<c>deploy_user</c>).</summary>
    public required string DeployUser { get; init; }

    /// <summary>
    /// Gets which instance address to SSH to (<c>ec2_attr_for_ssh</c>): <c>private_ip_address</c>,
    /// <c>ip_address</c>, <c>public_dns_name</c> or <c>private_dns_name</c>, as <c>Ec2Instance.Address</c> takes it.
    /// </summary>
    public required string SshAddressAttribute { get; init; }

    /// <summary>Gets how to reach the instances over SSH.</summary>
    public required SshConfiguration Ssh { get; init; }

    /// <summary>Gets the names of the secrets pushed to the instances (<c>password_names</c>).</summary>
    public required IReadOnlyList<string> PasswordNames { get; init; }

    /// <summary>Gets the upgrade and health-check pages and where they go.</summary>
    public required StaticHtmlFiles StaticHtml { get; init; }

    /// <summary>Gets the role tag of the web instances (<c>web_role</c>, default <c>web</c>).</summary>
    public required string WebRole { get; init; }

    /// <summary>Gets the role tag of the worker instance (<c>worker_role</c>, default <c>worker</c>).</summary>
    public required string WorkerRole { get; init; }

    /// <summary>Gets the commands that provision the builder instance before its image is taken.</summary>
    public required IReadOnlyList<CommandTemplate> ProvisionCommands { get; init; }

    /// <summary>Gets the commands the worker runs on each deploy (migrations and the like).</summary>
    public required IReadOnlyList<CommandTemplate> DeployWorkerCommands { get; init; }

    /// <summary>Gets the deadlines of the waits.</summary>
    public required WaitTimeouts Timeouts { get; init; }

    /// <summary>Gets how CreateLaunchConfig bakes the image.</summary>
    public BakeSettings Bake { get; init; } = new();

    /// <summary>Gets how DeploySerial replaces the instances (<c>serial</c>).</summary>
    public SerialSettings Serial { get; init; } = new();

    /// <summary>Gets the environment's smoke check (<c>smoke_check</c>), or null.</summary>
    public SmokeCheck? SmokeCheck { get; init; }

    /// <summary>Gets the port the web servers answer HTTP on, for the deploys' direct checks (<c>web_port</c>, default 80).</summary>
    public int WebPort { get; init; } = 80;

    /// <summary>
    /// Gets how long DeploySerial keeps the replaced instances in Standby, so that a Rollback only brings them back
    /// (<c>keep_previous</c>); null to terminate them at once.
    /// </summary>
    public TimeSpan? KeepPrevious { get; init; }

    /// <summary>
    /// Gets the servers besides the web tier that CreateEnvironment creates in this environment, by role, in the
    /// file's order (<c>servers</c>; roles with a count of 0 left out); empty when none are configured.
    /// </summary>
    public IReadOnlyList<RoleServers> Servers { get; init; } = [];

    /// <summary>Gets the commands run on each new server of a role (<c>role_provision_commands</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CommandTemplate>> RoleProvisionCommands { get; init; } = new Dictionary<string, IReadOnlyList<CommandTemplate>>();

    /// <summary>Gets the web tier of a new environment (<c>group_settings</c>).</summary>
    public GroupSettings Group { get; init; } = new();

    /// <summary>Gets the configuration file this target comes from.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Gets the folder of the configuration file: the checkout, the secrets files and the logs are there.</summary>
    public string ConfigDirectory => Path.GetDirectoryName(Path.GetFullPath(ConfigFile))!;

    /// <summary>Gets the instance type of the web role: the type of the builder instance.</summary>
    public string WebInstanceType => InstanceTypes[WebRole];

    /// <summary>Gets the security groups of a role, or an empty list when none are configured.</summary>
    /// <param name="role">The role, e.g. <see cref="WebRole"/>.</param>
    /// <returns>The security group names or ids.</returns>
    public IReadOnlyList<string> SecurityGroupsFor(string role) =>
        SecurityGroups.TryGetValue(role, out var groups) ? groups : [];

    /// <summary>Gets the value of every command placeholder for a deploy of one commit.</summary>
    /// <param name="commit">The commit being deployed: 7 to 40 hexadecimal digits.</param>
    /// <returns>The values by placeholder name.</returns>
    /// <exception cref="Cake.Core.CakeException">The commit is not a commit id.</exception>
    public IReadOnlyDictionary<string, string> PlaceholderValues(string commit) => new Dictionary<string, string>
    {
        ["deployment"] = Deployment,
        ["environment"] = Environment,
        ["branch"] = Branch,
        ["commit"] = Git.CommitId.EnsureValid(commit, "The commit to deploy"),
        ["deploy_user"] = DeployUser,
        ["static_root"] = StaticHtml.RemoteRoot,
        ["code_root"] = Bake.CodeRoot,
    };

    /// <summary>Renders <see cref="ProvisionCommands"/> for a commit.</summary>
    /// <param name="commit">The commit being deployed.</param>
    /// <returns>The commands to run, in order.</returns>
    public IReadOnlyList<string> RenderProvisionCommands(string commit) => Render(ProvisionCommands, commit);

    /// <summary>Renders the <see cref="RoleProvisionCommands"/> of one role for a commit.</summary>
    /// <param name="role">The role.</param>
    /// <param name="commit">The commit CheckBranch verified.</param>
    /// <returns>The commands to run, in order; empty for a role without commands.</returns>
    public IReadOnlyList<string> RenderRoleProvisionCommands(string role, string commit) =>
        RoleProvisionCommands.TryGetValue(role, out var commands) ? Render(commands, commit) : [];

    /// <summary>Renders <see cref="DeployWorkerCommands"/> for a commit.</summary>
    /// <param name="commit">The commit being deployed.</param>
    /// <returns>The commands to run, in order.</returns>
    public IReadOnlyList<string> RenderDeployWorkerCommands(string commit) => Render(DeployWorkerCommands, commit);

    private IReadOnlyList<string> Render(IReadOnlyList<CommandTemplate> commands, string commit)
    {
        var values = PlaceholderValues(commit);
        return commands.Select(command => command.Render(values)).ToList();
    }
}
