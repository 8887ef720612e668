using Cake.Core;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using NSubstitute;

namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>
/// An environment whose servers are the real sshd hosts of <see cref="SshHosts"/>: fabulaws-config.yml in their root
/// folder, AWS ports that list the hosts (web: all InService members of the group; worker: the last host), and a
/// context that gives the aliases the real SSH adapter, git substitute and local files.
/// </summary>
internal sealed class SshEnvironment
{
    public SshEnvironment(SshHosts hosts, CapturingLog log, string extraConfig = "")
    {
        Hosts = hosts;
        Log = log;
        File.WriteAllText(Path.Combine(hosts.Root.FullName, "upgrade.html"), "<h1>Upgrade in progress</h1>");
        File.WriteAllText(Path.Combine(hosts.Root.FullName, "healthcheck.html"), "OK");
        var file = Path.Combine(hosts.Root.FullName, "fabulaws-config.yml");
        File.WriteAllText(file, $"""
            {extraConfig}
            deployments: [myproject]
            environments: [staging]
            branches: {"{"}myproject: {"{"}staging: main{"}"}{"}"}
            region: us-east-1
            instance_types: {"{"}web: t3.small{"}"}
            auto_scaling_groups: {"{"}myproject: {"{"}staging: web-asg{"}"}{"}"}
            load_balancers: {"{"}myproject: {"{"}staging: [web-lb]{"}"}{"}"}
            instance_settings: {"{"}ami: ami-0123456789abcdef0{"}"}
            deploy_user: fabdeploy
            ec2_attr_for_ssh: private_ip_address
            static_html:
              upgrade_message: upgrade.html
              healthcheck_override: healthcheck.html
            """);
        Target = FabulAwsConfig.Load(file).Resolve("staging");
        Git.IsTrackedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(false);
        var described = hosts.Hosts.Select(h => new Ec2Instance(h.InstanceId!, "running", h.Address, null, null, null, "ami-1", null, new Dictionary<string, string>())).ToList();
        Aws.Instances.DescribeAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call => described.Where(i => call.Arg<IEnumerable<string>>().Contains(i.InstanceId)).ToList());
        Aws.Instances.FindByTagsAsync(Arg.Is<IReadOnlyDictionary<string, string>>(t => t["role"] == "web"), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns(call => described.Where(i => WebMembers.Contains(i.InstanceId)).ToList());
        Aws.Instances.FindByTagsAsync(Arg.Is<IReadOnlyDictionary<string, string>>(t => t["role"] == "worker"), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>()).Returns([described[^1]]);
        Aws.AutoScalingGroups.FindGroupAsync("web-asg", Arg.Any<CancellationToken>()).Returns(_ => new AutoScalingGroup(
            "web-asg", 1, 4, 2, null, [.. WebMembers.Select(id => new GroupInstance(id, "InService", "Healthy", "us-east-1a", null, "t3.small"))], ["web-lb"], [], [], [], new Dictionary<string, string>(), "ELB", 60, ["us-east-1a"]));
        WebMembers = [.. hosts.Hosts.Select(h => h.InstanceId!)];
    }

    public SshHosts Hosts { get; }

    public CapturingLog Log { get; }

    public DeploymentTarget Target { get; }

    public AwsServices Aws { get; } = new()
    {
        AutoScalingGroups = Substitute.For<IAutoScalingGroups>(),
        ScalingProcesses = Substitute.For<IScalingProcesses>(),
        GroupInstances = Substitute.For<IGroupInstances>(),
        LaunchConfigurations = Substitute.For<ILaunchConfigurations>(),
        InstanceRefreshes = Substitute.For<IInstanceRefreshes>(),
        LoadBalancing = Substitute.For<ILoadBalancing>(),
        Instances = Substitute.For<IInstances>(),
        Images = Substitute.For<IImages>(),
        LaunchTemplates = Substitute.For<ILaunchTemplates>(),
        Provisioning = Substitute.For<IEnvironmentProvisioning>(),
    };

    public IGitRepository Git { get; } = Substitute.For<IGitRepository>();

    /// <summary>Gets or sets the instance ids the group lists InService (and tags web).</summary>
    public IReadOnlyList<string> WebMembers { get; set; } = [];

    /// <summary>Gets or sets a change to the SSH adapter the aliases get (test hooks).</summary>
    public Func<SshRemoteHosts, SshRemoteHosts> Adapter { get; set; } = remote => remote;

    public ICakeContext Context() => new ServicesContext(TestContext.Create(Log, Hosts.Root.FullName), (target, options) => new EnvironmentServices
    {
        Target = target,
        Options = options,
        Aws = Aws,
        Remote = Adapter(new SshRemoteHosts(Hosts.Settings() with { User = options.RemoteUser ?? target.Ssh.User, TrustOnFirstUse = options.TrustNewHostKeys }, Log)),
        Git = Git,
        Files = new LocalFileSystem(),
        Web = Substitute.For<IWebProbe>(),
        Confirmation = Substitute.For<IConfirmation>(),
        Log = Log,
    });
}
