namespace Cake.FabulAWS.Tests.Aws.Query;

/// <summary>Tests that change process-wide AWS_* variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AwsEnvironmentCollection
{
    public const string Name = "AWS environment variables";
}

/// <summary>
/// Sets AWS_* variables for one test and restores every one on dispose; empties the process's temp AWS config
/// and credentials files (see <see cref="AwsSharedFiles"/>) before and after, and resets the SDK's cached
/// region and profile settings so each test starts from what it wrote.
/// </summary>
public sealed class AwsEnvironment : IDisposable
{
    private static readonly string[] Names =
    [
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_AUTO_SCALING", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
        "AWS_ENDPOINT_URL_EC2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
    ];

    private readonly Dictionary<string, string?> saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

    public AwsEnvironment()
    {
        foreach (var name in Names)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        EmptyFiles();
        ResetSdkCaches();
    }

    public string ConfigFile => AwsSharedFiles.ConfigFile;

    public string CredentialsFile => AwsSharedFiles.CredentialsFile;

    public AwsEnvironment Set(string name, string? value)
    {
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"{name} is not restored by {nameof(AwsEnvironment)}: add it to the list.", nameof(name));
        }

        Environment.SetEnvironmentVariable(name, value);
        ResetSdkCaches();
        return this;
    }

    /// <summary>Writes the shared config and credentials files and makes the SDK read them again.</summary>
    public void WriteFiles(string config, string credentials)
    {
        File.WriteAllText(ConfigFile, config);
        File.WriteAllText(CredentialsFile, credentials);
        ResetSdkCaches();
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        EmptyFiles();
        ResetSdkCaches();
    }

    private static void EmptyFiles()
    {
        File.WriteAllText(AwsSharedFiles.ConfigFile, string.Empty);
        File.WriteAllText(AwsSharedFiles.CredentialsFile, string.Empty);
    }

    private static void ResetSdkCaches()
    {
        Amazon.Runtime.FallbackRegionFactory.Reset();
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
    }
}
