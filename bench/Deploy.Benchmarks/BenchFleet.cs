using System.Diagnostics;
using System.Globalization;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.LaunchConfig;
using LocalAws;
using LocalAws.Hosts;

namespace Deploy.Benchmarks;

/// <summary>
/// One group of N web instances with real hosts behind a target group (or a classic ELB) in an in-process LocalAws,
/// a worker instance, and the fabulaws-config.yml of environment <c>local</c> that points at them. Each
/// <see cref="NewReleaseAsync"/> registers an image that serves "bench vK" and creates launch template version K
/// from it directly (no bake: CreateLaunchConfig is not what is measured).
/// </summary>
internal sealed class BenchFleet : IAsyncDisposable
{
    public const string Group = "bench-asg";
    public const string Template = "bench-lt";
    public const string LoadBalancer = "bench-lb";
    public const string UpgradeMessage = "We are upgrading the site";

    private int version = 1;

    private BenchFleet(BenchSettings settings, int size, string root, LocalAwsServer aws)
    {
        Settings = settings;
        Size = size;
        Root = root;
        Aws = aws;
        Api = new QueryClient(aws.Endpoint);
    }

    public BenchSettings Settings { get; }

    public int Size { get; }

    public string Root { get; }

    public LocalAwsServer Aws { get; }

    public QueryClient Api { get; }

    public string ConfigPath => Path.Combine(Root, "app", "fabulaws-config.yml");

    public string Key => Path.Combine(Root, "id_ed25519");

    public string? TargetGroupArn { get; private set; }

    /// <summary>Gets the site as users reach it: the load balancer's or target group's endpoint.</summary>
    public Uri Site => Aws.LoadBalancerUri(LoadBalancer);

    public DeploymentTarget Target { get; private set; } = null!;

    /// <summary>Gets the text the current version's index page holds.</summary>
    public string Serving => Body(version);

    public static string Body(int version) => $"bench v{version.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<BenchFleet> StartAsync(BenchSettings settings, int size, string root)
    {
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        var key = Path.Combine(root, "id_ed25519");
        await KeyGen.CreateAsync(key, comment: "fabulaws-bench");
        var aws = await LocalAwsServer.StartAsync(new LocalAwsOptions
        {
            Port = 0,
            BootTime = settings.Boot,
            ImageBuildTime = TimeSpan.FromMilliseconds(50),
            Tick = settings.Tick,
            TimeScale = settings.TimeScale,
            AuthorizedKeys = [await File.ReadAllTextAsync(key + ".pub")],
            DataDirectory = Path.Combine(root, "localaws"),
        });
        var fleet = new BenchFleet(settings, size, root, aws);
        try
        {
            await fleet.SeedAsync();
            fleet.WriteConfig();
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new launch template version whose image serves "bench v(K)", as CreateLaunchConfig would have made it.</summary>
    public async Task<LaunchConfigResult> NewReleaseAsync()
    {
        var next = version + 1;
        var imageId = Image(next);
        var created = await Api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", Template), ("SourceVersion", "1"),
            ("LaunchTemplateData.ImageId", imageId), ("VersionDescription", $"bench release {next}"));
        var number = created.One("versionNumber");
        version = next;
        var commit = next.ToString("x40", CultureInfo.InvariantCulture);
        return new LaunchConfigResult($"{Template}:{number}", commit, imageId, $"bench-v{next}", LaunchSource.Template(Template, number));
    }

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
            // a log still open: the temp folder is cleaned later
        }
    }

    private string Image(int number)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, $"image-v{number}", "www")).FullName;
        File.WriteAllText(Path.Combine(dir, "index.html"), $"<h1>{Body(number)}</h1>");
        File.WriteAllText(Path.Combine(dir, "healthcheck.html"), "OK");
        return Aws.CreateImageFromDirectory($"bench-v{number}", Path.GetDirectoryName(dir)!);
    }

    private async Task SeedAsync()
    {
        var s = Settings;
        var v1 = Image(1);
        var interval = s.IntervalSeconds.ToString(CultureInfo.InvariantCulture);
        var threshold = s.HealthyThreshold.ToString(CultureInfo.InvariantCulture);
        await Api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", Template), ("LaunchTemplateData.ImageId", v1), ("LaunchTemplateData.InstanceType", "t3.micro"));
        if (s.Classic)
        {
            await Api.CallAsync("elb", "CreateLoadBalancer", ("LoadBalancerName", LoadBalancer), ("Listeners.member.1.Protocol", "HTTP"), ("Listeners.member.1.LoadBalancerPort", "80"), ("Listeners.member.1.InstancePort", "80"));
            await Api.CallAsync("elb", "ConfigureHealthCheck", ("LoadBalancerName", LoadBalancer), ("HealthCheck.Target", "HTTP:80/healthcheck.html"), ("HealthCheck.Interval", interval),
                ("HealthCheck.Timeout", "5"), ("HealthCheck.HealthyThreshold", threshold), ("HealthCheck.UnhealthyThreshold", threshold));
        }
        else
        {
            var created = await Api.CallAsync("elbv2", "CreateTargetGroup", ("Name", LoadBalancer), ("Protocol", "HTTP"), ("Port", "80"), ("VpcId", "vpc-0bench"),
                ("HealthCheckPath", "/healthcheck.html"), ("HealthCheckIntervalSeconds", interval), ("HealthCheckTimeoutSeconds", "5"), ("HealthyThresholdCount", threshold), ("UnhealthyThresholdCount", threshold));
            TargetGroupArn = created.One("TargetGroupArn");
            await Api.CallAsync("elbv2", "ModifyTargetGroupAttributes", ("TargetGroupArn", TargetGroupArn), ("Attributes.member.1.Key", "deregistration_delay.timeout_seconds"),
                ("Attributes.member.1.Value", s.DeregistrationDelaySeconds.ToString(CultureInfo.InvariantCulture)));
        }

        var size = Size.ToString(CultureInfo.InvariantCulture);
        await Api.CallAsync("autoscaling", "CreateAutoScalingGroup",
        [
            ("AutoScalingGroupName", Group), ("LaunchTemplate.LaunchTemplateName", Template), ("LaunchTemplate.Version", "$Latest"),
            ("MinSize", size), ("MaxSize", (2 * Size).ToString(CultureInfo.InvariantCulture)), ("DesiredCapacity", size), ("HealthCheckType", "ELB"),
            ("HealthCheckGracePeriod", s.GraceSeconds.ToString(CultureInfo.InvariantCulture)), ("AvailabilityZones.member.1", "us-east-1a"),
            s.Classic ? ("LoadBalancerNames.member.1", LoadBalancer) : ("TargetGroupARNs.member.1", TargetGroupArn!),
            ("Tags.member.1.Key", "deployment"), ("Tags.member.1.Value", "bench"), ("Tags.member.1.PropagateAtLaunch", "true"),
            ("Tags.member.2.Key", "environment"), ("Tags.member.2.Value", "local"), ("Tags.member.2.PropagateAtLaunch", "true"),
            ("Tags.member.3.Key", "role"), ("Tags.member.3.Value", "web"), ("Tags.member.3.PropagateAtLaunch", "true"),
        ]);
        await Api.CallAsync("ec2", "RunInstances", ("ImageId", Aws.BaseImageId), ("MinCount", "1"), ("MaxCount", "1"), ("InstanceType", "t3.micro"),
            ("TagSpecification.1.ResourceType", "instance"), ("TagSpecification.1.Tag.1.Key", "deployment"), ("TagSpecification.1.Tag.1.Value", "bench"),
            ("TagSpecification.1.Tag.2.Key", "environment"), ("TagSpecification.1.Tag.2.Value", "local"), ("TagSpecification.1.Tag.3.Key", "role"), ("TagSpecification.1.Tag.3.Value", "worker"));
        var started = Stopwatch.StartNew();
        await Aws.WaitUntilAsync(
            st => st.Groups[Group].Members.Count == Size && st.Groups[Group].Members.All(m => m.Lifecycle == "InService")
                && (s.Classic ? st.LoadBalancers[LoadBalancer].Instances.Values.Count(h => h.State == "InService") : st.TargetGroups[TargetGroupArn!].Targets.Values.Count(h => h.State == "healthy")) == Size
                && st.Instances.Values.Any(i => i.Tags.GetValueOrDefault("role") == "worker" && i.State == "running"),
            TimeSpan.FromSeconds(60),
            $"{Size} web instances healthy and the worker running");
        Console.Error.WriteLine($"group of {Size}: in service in {started.Elapsed.TotalSeconds:0.0} s");
    }

    private void WriteConfig()
    {
        var app = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        var html = Directory.CreateDirectory(Path.Combine(app, "deploy", "html")).FullName;
        File.WriteAllText(Path.Combine(html, "upgrade_message.html"), $"<h1>{UpgradeMessage}</h1>");
        File.WriteAllText(Path.Combine(html, "healthcheck.html"), "OK (upgrade in progress)");
        var balancers = Settings.Classic ? $"load_balancers: {{bench: {{local: [{LoadBalancer}]}}}}" : $"target_groups: {{bench: {{local: ['{TargetGroupArn}']}}}}";
        var lines = new[]
        {
            "deployments: [bench]",
            "environments: [local]",
            "branches: {bench: {local: main}}",
            "region: us-east-1",
            $"endpoint_urls: {{local: '{Aws.Endpoint}'}}",
            "avail_zones: [a]",
            "security_groups: {web: [sg-0bench]}",
            "instance_types: {web: t3.micro, worker: t3.micro}",
            $"auto_scaling_groups: {{bench: {{local: {Group}}}}}",
            balancers,
            "launch_type: launch_template",
            $"launch_templates: {{bench: {{local: {Template}}}}}",
            $"instance_settings: {{ami: {Aws.BaseImageId}, key_name: bench-key}}",
            "deploy_user: fabdeploy",
            "ec2_attr_for_ssh: private_ip_address",
            $"ssh_key: '{Key}'",
            $"ssh_port: {Aws.Options.SshPort}",
            "connect_timeout: 10",
            $"web_port: {Aws.Options.InstanceHttpPort}",
            "static_html: {upgrade_message: deploy/html/upgrade_message.html, healthcheck_override: deploy/html/healthcheck.html}",
            $"deploy_worker_commands: ['sleep {Settings.WorkerSleepSeconds}']",
            $"timeouts: {{instance_running: 60, ssh_ready: 60, image_available: 60, instances_in_service: 120, instance_healthy: 120, instance_drained: 120, deploy: 900, poll_interval_ms: {Settings.PollMilliseconds}}}",
        };
        File.WriteAllText(ConfigPath, string.Join('\n', lines) + "\n");
        Target = FabulAwsConfig.Load(ConfigPath).Resolve("local");
    }
}
