using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using NSubstitute;

namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>A Cake context with a capturing log and an environment whose working directory is the given one.</summary>
public static class TestContext
{
    public static ICakeContext Create(CapturingLog log, string workingDirectory)
    {
        // not CakeEnvironment: setting its WorkingDirectory changes the process's current directory, shared by parallel tests
        var environment = Substitute.For<ICakeEnvironment>();
        environment.WorkingDirectory.Returns(new DirectoryPath(workingDirectory));
        var context = Substitute.For<ICakeContext>();
        context.Log.Returns(log);
        context.Environment.Returns(environment);
        return context;
    }
}

/// <summary>A Cake context that hands the aliases services made by the test (the add-in's testing seam).</summary>
internal sealed class ServicesContext(ICakeContext inner, Func<DeploymentTarget, EnvironmentOptions, EnvironmentServices> services) : IFabulAwsTestContext
{
    public IFileSystem FileSystem => inner.FileSystem;

    public ICakeEnvironment Environment => inner.Environment;

    public IGlobber Globber => inner.Globber;

    public ICakeLog Log => inner.Log;

    public ICakeArguments Arguments => inner.Arguments;

    public IProcessRunner ProcessRunner => inner.ProcessRunner;

    public IRegistry Registry => inner.Registry;

    public IToolLocator Tools => inner.Tools;

    public ICakeDataResolver Data => inner.Data;

    public ICakeConfiguration Configuration => inner.Configuration;

    public IServiceProvider ServiceProvider => inner.ServiceProvider;

    public IToolInstaller ToolInstaller => inner.ToolInstaller;

    public EnvironmentServices CreateServices(DeploymentTarget target, EnvironmentOptions options) => services(target, options);
}
