using System.Diagnostics;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using global::LocalAws;
using global::LocalAws.Hosts;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>
/// What a user has when they deploy with the pipeline, on this machine: a git repository of a small web app with its
/// fabulaws-config.yml (environment <c>local</c>, or another name) and a bare "origin", and an in-process LocalAws with
/// real instance hosts holding the app's group (launch template <c>demo-lt</c> version 1, on <c>$Latest</c>), behind a
/// classic load balancer or a target group; or only the load balancer, for CreateEnvironment to build the rest.
/// <see cref="CakeAsync"/> runs <c>build/build.cake</c> against it as a user would.
/// </summary>
internal sealed class AppEnvironment : IAsyncDisposable
{
    public const string Group = "demo-asg";
    public const string Template = "demo-lt";
    public const string LoadBalancer = "demo-lb";
    public const string LaunchConfiguration = "demo_local_lc_initial";

    private AppEnvironment(string root, LocalAwsServer aws)
    {
        Root = root;
        Aws = aws;
        Api = new QueryClient(aws.Endpoint);
    }

    public string Root { get; }

    public LocalAwsServer Aws { get; }

    public QueryClient Api { get; }

    public string Repository => Path.Combine(Root, "app");

    public string Origin => Path.Combine(Root, "origin.git");

    public string Key => Path.Combine(Root, "id_ed25519");

    public string ConfigPath => Path.Combine(Repository, "fabulaws-config.yml");

    public string InitialImage { get; private set; } = string.Empty;

    /// <summary>Gets the environment of fabulaws-config.yml the pipeline runs for: <c>local</c> unless told otherwise.</summary>
    public string EnvironmentName { get; private init; } = "local";

    /// <summary>Gets a value indicating whether LocalAws holds the group and its template (else only the load balancer).</summary>
    public bool HasGroup { get; private init; } = true;

    /// <summary>Gets a value indicating whether the group is behind the target group <see cref="LoadBalancer"/> instead of a classic ELB.</summary>
    public bool UsesTargetGroup { get; private init; }

    /// <summary>Gets the ARN of the target group, with <see cref="UsesTargetGroup"/>.</summary>
    public string? TargetGroupArn { get; private set; }

    /// <summary>Gets the site as users reach it: the load balancer's (or target group's) endpoint.</summary>
    public Uri Site => Aws.LoadBalancerUri(LoadBalancer);

    /// <summary>Gets the top-level keys of fabulaws-config.yml, each with its YAML value; change them before <see cref="WriteConfigAsync"/>.</summary>
    public Dictionary<string, string> Config { get; } = [];

    /// <summary>
    /// Starts LocalAws and the repository; the group has <paramref name="instances"/> instances of version 1, or of the
    /// launch configuration <see cref="LaunchConfiguration"/> (every field set) when <paramref name="legacy"/>; without
    /// <paramref name="group"/> there is neither group nor template, only the load balancer.
    /// </summary>
    public static async Task<AppEnvironment> StartAsync(
        int instances = 2, Func<LocalAwsOptions, LocalAwsOptions>? options = null, bool legacy = false, bool targetGroup = false, string environment = "local", bool group = true)
    {
        var root = Directory.CreateTempSubdirectory("fabulaws-app-").FullName;
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        var key = Path.Combine(root, "id_ed25519");
        await KeyGen.CreateAsync(key, comment: "fabulaws-test");
        var fast = Deployments.FastOptions() with { AuthorizedKeys = [await File.ReadAllTextAsync(key + ".pub")], RandomSeed = null };
        var aws = await LocalAwsServer.StartAsync(options is null ? fast : options(fast));
        var app = new AppEnvironment(root, aws) { UsesTargetGroup = targetGroup, EnvironmentName = environment, HasGroup = group };
        try
        {
            await app.SeedAsync(instances, legacy);
            await app.CreateRepositoryAsync(legacy);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gets the variables of every pipeline run: LocalAws credentials, nothing from the real AWS configuration.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = "localaws",
        ["AWS_SECRET_ACCESS_KEY"] = "localaws",
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_CONFIG_FILE"] = Path.Combine(Root, "aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Root, "aws-credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = null,
        ["AWS_RETRY_MODE"] = null,
        ["FABULAWS_SSH_KEY"] = null,
        ["GITHUB_OUTPUT"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["GITHUB_STEP_SUMMARY"] = null,
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    /// <summary>Runs a target of the pipeline for the environment of this repository, without the test suite.</summary>
    public Task<(int ExitCode, string Output)> CakeAsync(string target, params string[] arguments) => CakeAsync(target, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs a target with extra environment variables.</summary>
    public Task<(int ExitCode, string Output)> CakeAsync(string target, IReadOnlyDictionary<string, string?> variables, params string[] arguments) =>
        CakeRun.RunAsync(CakeEnvironment(variables), TimeSpan.FromMinutes(5), CakeArguments(target, arguments));

    /// <summary>The arguments of a pipeline run of a target for the environment of this repository, without the test suite.</summary>
    public string[] CakeArguments(string target, params string[] arguments) =>
        [$"--target={target}", $"--environment={EnvironmentName}", $"--config={ConfigPath}", "--skip-tests", .. arguments];

    /// <summary>The variables of a pipeline run, with extra ones.</summary>
    public IReadOnlyDictionary<string, string?> CakeEnvironment(IReadOnlyDictionary<string, string?>? variables = null)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in variables ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Writes fabulaws-config.yml from <see cref="Config"/> and commits and pushes it.</summary>
    public async Task WriteConfigAsync()
    {
        await File.WriteAllTextAsync(ConfigPath, string.Join('\n', Config.Select(c => $"{c.Key}: {c.Value}")) + "\n");
        await CommitAsync("fabulaws-config.yml", await File.ReadAllTextAsync(ConfigPath));
    }

    /// <summary>Writes a file of the app, commits it and pushes; returns the new commit.</summary>
    public async Task<string> CommitAsync(string file, string content)
    {
        var path = Path.Combine(Repository, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        await GitAsync("add", "--", file);
        await GitAsync("commit", "--quiet", "--allow-empty", "-m", $"Change {file}");
        await GitAsync("push", "--quiet", "origin", "main");
        return await HeadAsync();
    }

    /// <summary>
    /// Makes a release without a bake, as CreateLaunchConfig would leave it: an image serving <c>demo {marker}</c>
    /// and a new version of the template with it, its description naming the current commit.
    /// </summary>
    /// <returns>The name to pass as <c>--launch-config</c>, such as <c>demo-lt:2</c>.</returns>
    public async Task<string> ReleaseAsync(string marker)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, $"image-{marker}")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "www"));
        await File.WriteAllTextAsync(Path.Combine(directory, "www", "index.html"), $"<h1>demo {marker}</h1>");
        await File.WriteAllTextAsync(Path.Combine(directory, "www", "healthcheck.html"), "OK");
        var image = Aws.CreateImageFromDirectory($"demo-{marker}", directory);
        var created = await Api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", Template), ("SourceVersion", "1"),
            ("LaunchTemplateData.ImageId", image), ("VersionDescription", $"demo {marker}, commit {await HeadAsync()}"));
        return $"{Template}:{created.One("versionNumber")}";
    }

    /// <summary>
    /// Launches a worker server (role worker, outside the group) and configures deploy_worker_commands to leave
    /// <c>~/migrated</c> with the commit on it; commits the config.
    /// </summary>
    /// <returns>The worker's instance id.</returns>
    public async Task<string> AddWorkerAsync()
    {
        var run = await Api.CallAsync("ec2", "RunInstances", ("ImageId", InitialImage), ("MinCount", "1"), ("MaxCount", "1"), ("InstanceType", "t3.micro"),
            ("TagSpecification.1.ResourceType", "instance"),
            ("TagSpecification.1.Tag.1.Key", "deployment"), ("TagSpecification.1.Tag.1.Value", "demo"),
            ("TagSpecification.1.Tag.2.Key", "environment"), ("TagSpecification.1.Tag.2.Value", "local"),
            ("TagSpecification.1.Tag.3.Key", "role"), ("TagSpecification.1.Tag.3.Value", "worker"));
        var id = run.One("instanceId");
        await Aws.WaitUntilAsync(s => s.Instances[id].State == "running", TimeSpan.FromSeconds(30), $"worker {id} running");
        Config["deploy_worker_commands"] = "['echo {{commit}} > ~/migrated']";
        await WriteConfigAsync();
        return id;
    }

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Trim();

    /// <summary>Reads the group's state under LocalAws's lock.</summary>
    public T Inspect<T>(Func<global::LocalAws.Model.CloudState, T> read) => Aws.Inspect(read);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Aws.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a log file still open by a finished run's child: the temp folder is cleaned later
        }
    }

    private async Task SeedAsync(int instances, bool legacy)
    {
        var v1 = Directory.CreateDirectory(Path.Combine(Root, "image-v1")).FullName;
        Directory.CreateDirectory(Path.Combine(v1, "www"));
        await File.WriteAllTextAsync(Path.Combine(v1, "www", "index.html"), "<h1>demo v1</h1>");
        await File.WriteAllTextAsync(Path.Combine(v1, "www", "healthcheck.html"), "OK");
        InitialImage = Aws.CreateImageFromDirectory("demo-v1", v1);
        await Aws.WaitUntilAsync(s => s.Images[InitialImage].State == "available", TimeSpan.FromSeconds(20), "image v1 available");
        if (!HasGroup)
        {
            await Deployments.CreateLoadBalancerAsync(Api, LoadBalancer);
            return;
        }

        await Api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", Template), ("LaunchTemplateData.ImageId", InitialImage), ("LaunchTemplateData.InstanceType", "t3.micro"),
            ("LaunchTemplateData.SecurityGroupId.1", "sg-0demo"), ("LaunchTemplateData.KeyName", "demo-key"));
        if (UsesTargetGroup)
        {
            var created = await Api.CallAsync("elbv2", "CreateTargetGroup", ("Name", LoadBalancer), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-0demo"),
                ("HealthCheckPath", "/healthcheck.html"), ("HealthCheckIntervalSeconds", "5"), ("HealthyThresholdCount", "2"), ("UnhealthyThresholdCount", "2"));
            TargetGroupArn = created.One("TargetGroupArn");
            await Api.CallAsync("elbv2", "ModifyTargetGroupAttributes", ("TargetGroupArn", TargetGroupArn), ("Attributes.member.1.Key", "deregistration_delay.timeout_seconds"), ("Attributes.member.1.Value", "5"));
        }
        else
        {
            await Deployments.CreateLoadBalancerAsync(Api, LoadBalancer);
        }

        (string, string)[] tags =
        [
            ("Tags.member.1.Key", "deployment"), ("Tags.member.1.Value", "demo"), ("Tags.member.1.PropagateAtLaunch", "true"),
            ("Tags.member.2.Key", "environment"), ("Tags.member.2.Value", EnvironmentName), ("Tags.member.2.PropagateAtLaunch", "true"),
            ("Tags.member.3.Key", "role"), ("Tags.member.3.Value", "web"), ("Tags.member.3.PropagateAtLaunch", "true"),
        ];
        if (legacy)
        {
            await Api.CallAsync("autoscaling", "CreateLaunchConfiguration", [.. LegacyFields()]);
            await Api.CallAsync("autoscaling", "CreateAutoScalingGroup",
            [
                ("AutoScalingGroupName", Group), ("LaunchConfigurationName", LaunchConfiguration), ("MinSize", $"{instances}"), ("MaxSize", "8"), ("DesiredCapacity", $"{instances}"),
                ("HealthCheckType", "ELB"), ("HealthCheckGracePeriod", "60"), ("AvailabilityZones.member.1", "us-east-1a"), ("LoadBalancerNames.member.1", LoadBalancer), .. tags,
            ]);
        }
        else
        {
            await Deployments.CreateGroupAsync(Api, Group, instances, UsesTargetGroup ? null : LoadBalancer, max: 8, template: Template, extra:
                [.. tags, .. UsesTargetGroup ? new[] { ("TargetGroupARNs.member.1", TargetGroupArn!) } : []]);
            await Api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", Group), ("MinSize", $"{instances}"));
        }

        await Aws.WaitUntilAsync(
            s => s.Groups[Group].Members.Count == instances && s.Groups[Group].Members.All(m => m.Lifecycle == "InService")
                && (UsesTargetGroup ? s.TargetGroups[TargetGroupArn!].Targets.Values.Count(h => h.State == "healthy") : s.LoadBalancers[LoadBalancer].Instances.Values.Count(h => h.State == "InService")) == instances,
            TimeSpan.FromSeconds(30),
            $"{instances} instances InService and healthy");
    }

    /// <summary>Every field of CreateLaunchConfiguration, as a careful team would have set them.</summary>
    public IEnumerable<(string, string)> LegacyFields() =>
    [
        ("LaunchConfigurationName", LaunchConfiguration), ("ImageId", InitialImage), ("InstanceType", "t3.micro"), ("KeyName", "demo-key"),
        ("SecurityGroups.member.1", "sg-0demo"), ("SecurityGroups.member.2", "sg-0ssh"), ("UserData", Convert.ToBase64String("#!/bin/sh\necho boot\n"u8.ToArray())),
        ("IamInstanceProfile", "demo-web-profile"), ("InstanceMonitoring.Enabled", "false"), ("EbsOptimized", "true"), ("AssociatePublicIpAddress", "false"),
        ("PlacementTenancy", "default"), ("MetadataOptions.HttpTokens", "required"), ("MetadataOptions.HttpPutResponseHopLimit", "2"), ("MetadataOptions.HttpEndpoint", "enabled"),
        ("BlockDeviceMappings.member.1.DeviceName", "/dev/xvda"), ("BlockDeviceMappings.member.1.Ebs.VolumeSize", "20"), ("BlockDeviceMappings.member.1.Ebs.VolumeType", "gp3"),
        ("BlockDeviceMappings.member.1.Ebs.DeleteOnTermination", "true"), ("BlockDeviceMappings.member.1.Ebs.Encrypted", "true"), ("BlockDeviceMappings.member.1.Ebs.Throughput", "125"),
        ("BlockDeviceMappings.member.2.DeviceName", "/dev/sdb"), ("BlockDeviceMappings.member.2.VirtualName", "ephemeral0"),
    ];

    private async Task CreateRepositoryAsync(bool legacy)
    {
        Directory.CreateDirectory(Repository);
        await GitAsync("init", "--quiet", "--initial-branch=main");
        await RunGitAsync(Root, "init", "--quiet", "--bare", "--initial-branch=main", Origin);
        await GitAsync("remote", "add", "origin", Origin);
        await File.WriteAllTextAsync(Path.Combine(Repository, ".gitignore"), "fabulaws-logs/\n.fabulaws/\nartifacts/\nfabsecrets_*\n");
        Directory.CreateDirectory(Path.Combine(Repository, "www"));
        Directory.CreateDirectory(Path.Combine(Repository, "deploy", "html"));
        await File.WriteAllTextAsync(Path.Combine(Repository, "www", "index.html"), "<h1>demo v2</h1>");
        await File.WriteAllTextAsync(Path.Combine(Repository, "www", "healthcheck.html"), "OK");
        await File.WriteAllTextAsync(Path.Combine(Repository, "deploy", "html", "upgrade_message.html"), "<h1>We are upgrading the site</h1>");
        await File.WriteAllTextAsync(Path.Combine(Repository, "deploy", "html", "healthcheck.html"), "OK (upgrade in progress)");
        foreach (var (name, value) in DefaultConfig())
        {
            Config[name] = value;
        }

        if (legacy)
        {
            Config["launch_type"] = "launch_configuration";
            Config.Remove("launch_templates");
        }

        if (UsesTargetGroup)
        {
            Config.Remove("load_balancers");
            Config["target_groups"] = $"{{demo: {{{EnvironmentName}: ['{TargetGroupArn}']}}}}";
        }

        await File.WriteAllTextAsync(ConfigPath, string.Join('\n', Config.Select(c => $"{c.Key}: {c.Value}")) + "\n");
        await GitAsync("add", "--all");
        await GitAsync("commit", "--quiet", "-m", "The demo app");
        await GitAsync("push", "--quiet", "--set-upstream", "origin", "main");
    }

    private IEnumerable<(string, string)> DefaultConfig() =>
    [
        ("deployments", "[demo]"),
        ("environments", $"[{EnvironmentName}]"),
        ("branches", $"{{demo: {{{EnvironmentName}: main}}}}"),
        ("region", "us-east-1"),
        ("endpoint_urls", $"{{{EnvironmentName}: '{Aws.Endpoint}'}}"),
        ("avail_zones", "[a]"),
        ("security_groups", "{web: [sg-0demo]}"),
        ("instance_types", "{web: t3.micro, worker: t3.micro}"),
        ("auto_scaling_groups", $"{{demo: {{{EnvironmentName}: {Group}}}}}"),
        ("load_balancers", $"{{demo: {{{EnvironmentName}: [{LoadBalancer}]}}}}"),
        ("launch_type", "launch_template"),
        ("launch_templates", $"{{demo: {{{EnvironmentName}: {Template}}}}}"),
        ("instance_settings", $"{{ami: {Aws.BaseImageId}, key_name: demo-key}}"),
        ("deploy_user", "fabdeploy"),
        ("ec2_attr_for_ssh", "private_ip_address"),
        ("ssh_key", $"'{Key}'"),
        ("ssh_port", $"{Aws.Options.SshPort}"),
        ("connect_timeout", "10"),
        ("web_port", $"{Aws.Options.InstanceHttpPort}"),
        ("static_html", "{upgrade_message: deploy/html/upgrade_message.html, healthcheck_override: deploy/html/healthcheck.html}"),
        ("provision_commands", "['mkdir -p ~/www && cp -R {{code_root}}/www/. ~/www/']"),
        ("timeouts", "{instance_running: 60, ssh_ready: 60, image_available: 60, instances_in_service: 120, instance_healthy: 120, instance_drained: 60, deploy: 600, poll_interval_ms: 100, lock_settle_ms: 200}"),
    ];

    private Task<string> GitAsync(params string[] arguments) => RunGitAsync(Repository, arguments);

    private static async Task<string> RunGitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "user.name=FabulAWS Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }
}
