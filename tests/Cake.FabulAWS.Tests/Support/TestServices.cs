using Cake.Core.Diagnostics;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Support;

/// <summary>Services of one run made of fakes: every AWS port a substitute, the remote hosts and files given.</summary>
internal static class TestServices
{
    public static AwsServices Aws() => new()
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

    public static EnvironmentServices For(DeploymentTarget target, EnvironmentOptions options, IRemoteHosts remote, ICakeLog log, AwsServices? aws = null, ILocalFiles? files = null, TimeProvider? time = null, IWebProbe? web = null, IConfirmation? confirmation = null) => new()
    {
        Target = target,
        Options = options,
        Aws = aws ?? Aws(),
        Remote = remote,
        Git = Substitute.For<IGitRepository>(),
        Files = files ?? new FakeFiles(),
        Web = web ?? Substitute.For<IWebProbe>(),
        Confirmation = confirmation ?? Substitute.For<IConfirmation>(),
        Log = log,
        Time = time ?? new SteppingTime(),
    };
}
