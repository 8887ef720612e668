using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Support;

/// <summary>A Cake context that hands the aliases services made by the test (the add-in's testing seam).</summary>
internal sealed class FabulAwsTestContext(ICakeLog log, Func<DeploymentTarget, EnvironmentOptions, EnvironmentServices> services) : IFabulAwsTestContext
{
    private readonly ICakeContext inner = Substitute.For<ICakeContext>();

    public List<EnvironmentOptions> OptionsSeen { get; } = [];

    public IFileSystem FileSystem => inner.FileSystem;

    public ICakeEnvironment Environment => inner.Environment;

    public IGlobber Globber => inner.Globber;

    public ICakeLog Log => log;

    public ICakeArguments Arguments => inner.Arguments;

    public IProcessRunner ProcessRunner => inner.ProcessRunner;

    public IRegistry Registry => inner.Registry;

    public IToolLocator Tools => inner.Tools;

    public ICakeDataResolver Data => inner.Data;

    public ICakeConfiguration Configuration => inner.Configuration;

    public IServiceProvider ServiceProvider => inner.ServiceProvider;

    public IToolInstaller ToolInstaller => inner.ToolInstaller;

    public EnvironmentServices CreateServices(DeploymentTarget target, EnvironmentOptions options)
    {
        OptionsSeen.Add(options);
        return services(target, options);
    }
}
