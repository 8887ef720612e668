using System.Runtime.CompilerServices;

namespace Cake.FabulAWS.Tests.Aws.Query;

/// <summary>
/// The AWS SDK reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE once per process (a static constructor),
/// so the test process points them at one temp folder before any test runs: no test ever reads the machine's
/// ~/.aws, and <see cref="AwsEnvironment"/> rewrites these two files per test. The folder goes at process exit.
/// </summary>
internal static class AwsSharedFiles
{
    public static string ConfigFile { get; private set; } = string.Empty;

    public static string CredentialsFile { get; private set; } = string.Empty;

    [ModuleInitializer]
    internal static void PointTheSdkAtTempFiles()
    {
        var directory = Directory.CreateTempSubdirectory("fabulaws-aws-shared-").FullName;
        ConfigFile = Path.Combine(directory, "config");
        CredentialsFile = Path.Combine(directory, "credentials");
        File.WriteAllText(ConfigFile, string.Empty);
        File.WriteAllText(CredentialsFile, string.Empty);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigFile);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
    }
}
