using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// A profile named in the settings (rather than through AWS_PROFILE), read with the SDK's own profile store:
/// its credentials (keys, assume-role, SSO, credential_process), region, FIPS and dual-stack flags, and its
/// endpoint_url / services section. Without a name everything stays with the SDK's default chain.
/// </summary>
internal sealed record AwsProfileSettings(string? Name, AWSCredentials? Credentials, string? Region, CredentialProfile? Profile)
{
    public static AwsProfileSettings Resolve(string? name)
    {
        if (name is not { Length: > 0 })
        {
            return new AwsProfileSettings(null, null, null, null);
        }

        var store = new CredentialProfileStoreChain();
        if (!store.TryGetProfile(name, out var profile))
        {
            var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? "~/.aws/config";
            var credentials = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials";
            throw new AmazonClientException(
                $"AWS profile '{name}' was not found in {config} or {credentials}. Fix the profile name in fabulaws-config.yml, or create it with 'aws configure --profile {name}' or 'aws configure sso --profile {name}'.");
        }

        return new AwsProfileSettings(name, profile.GetAWSCredentials(store), profile.Region?.SystemName, profile);
    }

    /// <summary>
    /// Gets the profile-wide <c>endpoint_url</c> of the named profile, else of AWS_PROFILE (or <c>default</c>).
    /// The SDK skips it for a service that has no entry when the profile also has a <c>services</c> section;
    /// the AWS CLI and the AWS docs use it for every service without its own entry.
    /// </summary>
    /// <returns>The URL, or null.</returns>
    public string? ProfileEndpointUrl()
    {
        var name = Profile?.Name
            ?? (Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } fromEnvironment ? fromEnvironment : "default");
        if (Profile?.EndpointUrl is { Length: > 0 } parsed)
        {
            return parsed;
        }

        // The SDK's profile parser drops endpoint_url when the profile has a services section: read the raw section.
        var configFile = SharedCredentialsFile.DefaultConfigFilePath;
        if (!File.Exists(configFile))
        {
            return null;
        }

        var ini = new Amazon.Runtime.Internal.Util.ProfileIniFile(configFile, profileMarkerRequired: true);
        return ini.TryGetSection(name, false, false, out var properties, out _) && properties.TryGetValue("endpoint_url", out var url) ? url : null;
    }

    /// <summary>Applies the profile's endpoint and transport settings; the caller's explicit settings come after.</summary>
    public void ApplyTo(ClientConfig config)
    {
        if (Profile is null)
        {
            return;
        }

        config.Profile = new Amazon.Profile(Profile.Name);
        if (Profile.UseFIPSEndpoint is { } fips)
        {
            config.UseFIPSEndpoint = fips;
        }

        if (Profile.UseDualstackEndpoint is { } dualStack)
        {
            config.UseDualstackEndpoint = dualStack;
        }

        if (Profile.MaxAttempts is { } attempts)
        {
            config.MaxErrorRetry = Math.Max(0, attempts - 1);
        }

        if (Profile.RetryMode is { } mode)
        {
            config.RetryMode = mode;
        }

        if (Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }
}
