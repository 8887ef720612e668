using Cake.Core;
using Cake.Core.IO;
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
