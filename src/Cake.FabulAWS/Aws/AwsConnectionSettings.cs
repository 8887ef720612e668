using Amazon.Runtime;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// How to reach AWS. Everything left null comes from the usual AWS configuration: AWS_REGION / AWS_PROFILE,
/// ~/.aws/config and ~/.aws/credentials (assume-role, SSO), AWS_ENDPOINT_URL(_SERVICE), instance roles.
/// </summary>
public sealed class AwsConnectionSettings
{
    /// <summary>Gets the region, such as eu-west-1; null uses AWS_REGION or the profile's region.</summary>
    public string? Region { get; init; }

    /// <summary>Gets an endpoint URL for every service (the environment's <c>endpoint_url</c>); it wins over AWS_ENDPOINT_URL and profiles.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Gets the profile name in ~/.aws/config; null uses AWS_PROFILE or <c>default</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>Gets explicit credentials (tests, custom providers); null uses the SDK's default credential chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Gets the number of retries after a throttled or failed call; null uses AWS_MAX_ATTEMPTS or the SDK default.</summary>
    public int? MaxErrorRetry { get; init; }

    /// <summary>Gets a cap on the wait between retries (tests use milliseconds); null keeps the SDK's backoff.</summary>
    internal TimeSpan? MaxRetryBackoff { get; init; }
}
