using System.Runtime.CompilerServices;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>
/// The AWS SDK reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE once per process (a static constructor), so
/// the test process points them at empty temp files before any test runs and turns IMDS off: no test reads the
/// machine's ~/.aws or asks an instance metadata service. AWS_MAX_ATTEMPTS and AWS_RETRY_MODE are cleared too:
/// tests count the SDK's attempts. The folder goes at process exit.
/// </summary>
internal static class AwsSharedFiles
{
    [ModuleInitializer]
    internal static void PointTheSdkAtTempFiles()
    {
        var directory = Directory.CreateTempSubdirectory("fabulaws-it-aws-shared-").FullName;
        var config = Path.Combine(directory, "config");
        var credentials = Path.Combine(directory, "credentials");
        File.WriteAllText(config, string.Empty);
        File.WriteAllText(credentials, string.Empty);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", config);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", credentials);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_MAX_ATTEMPTS", null);
        Environment.SetEnvironmentVariable("AWS_RETRY_MODE", null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
    }
}
