using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Cake.FabulAWS.Aws.Query;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// The four SDK clients of one connection, configured alike (region, endpoint, profile, retries). They are
/// created on first use, inside the adapters' error funnel, so a missing region, profile or credential is
/// reported as a failed operation with the fix rather than as a crash while wiring the pipeline.
/// </summary>
internal sealed class AwsClients : IDisposable
{
    private readonly AwsConnectionSettings settings;
    private readonly Lazy<AwsProfileSettings> profile;
    private readonly Lazy<QueryServiceClient> autoScaling;
    private readonly Lazy<QueryServiceClient> classicLoadBalancing;
    private readonly Lazy<QueryServiceClient> loadBalancingV2;
    private readonly Lazy<IAmazonEC2> ec2;

    public AwsClients(AwsConnectionSettings settings)
    {
        AwsSdkVersion.EnsureExpected();
        this.settings = settings;
        profile = Once(() => AwsProfileSettings.Resolve(settings.Profile));
        autoScaling = Once(() => CreateQueryClient(QueryService.AutoScaling));
        classicLoadBalancing = Once(() => CreateQueryClient(QueryService.ClassicLoadBalancing));
        loadBalancingV2 = Once(() => CreateQueryClient(QueryService.LoadBalancingV2));
        ec2 = Once<IAmazonEC2>(() => new TunedEc2Client(Credentials, Configure(new AmazonEC2Config()), settings.MaxRetryBackoff));
    }

    public QueryServiceClient AutoScaling => autoScaling.Value;

    public QueryServiceClient ClassicLoadBalancing => classicLoadBalancing.Value;

    public QueryServiceClient LoadBalancingV2 => loadBalancingV2.Value;

    public IAmazonEC2 Ec2 => ec2.Value;

    /// <summary>Gets the region for messages: configured, else the profile's, else what the SDK resolved. Never throws.</summary>
    public string Region => settings.Region
        ?? (profile.IsValueCreated ? profile.Value.Region : null)
        ?? (autoScaling.IsValueCreated ? autoScaling.Value.Config.RegionEndpoint?.SystemName ?? autoScaling.Value.Config.AuthenticationRegion : null)
        ?? "the default region";

    private AWSCredentials? Credentials => settings.Credentials ?? profile.Value.Credentials;

    public void Dispose()
    {
        DisposeIfCreated(autoScaling);
        DisposeIfCreated(classicLoadBalancing);
        DisposeIfCreated(loadBalancingV2);
        DisposeIfCreated(ec2);
    }

    private static Lazy<T> Once<T>(Func<T> create) => new(create, LazyThreadSafetyMode.PublicationOnly);

    private static void DisposeIfCreated<T>(Lazy<T> client)
        where T : IDisposable
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private QueryServiceClient CreateQueryClient(QueryService service) =>
        new(Credentials, Configure(new QueryClientConfig(service)), settings.MaxRetryBackoff);

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        var named = profile.Value;
        named.ApplyTo(config);
        if (settings.EndpointUrl is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
        }

        var region = settings.Region ?? named.Region;
        if (region is { Length: > 0 } && settings.EndpointUrl is not { Length: > 0 })
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        // The signing region, set on every client the same way: with an endpoint whose host names no region the SDK
        // would sign for us-east-1. Without a configured region it is what the SDK resolves (AWS_REGION, profile).
        region ??= settings.EndpointUrl is { Length: > 0 } ? null : config.RegionEndpoint?.SystemName;
        if (region is { Length: > 0 })
        {
            config.AuthenticationRegion = region;
        }

        if (settings.EndpointUrl is not { Length: > 0 } && !config.IgnoreConfiguredEndpointUrls && config.ServiceURL is null
            && named.ProfileEndpointUrl() is { Length: > 0 } profileEndpoint)
        {
            config.ServiceURL = profileEndpoint;
        }

        if (settings.MaxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return config;
    }

    /// <summary>AWSSDK.EC2's client with the same retry tuning as the Query clients.</summary>
    private sealed class TunedEc2Client(AWSCredentials? credentials, AmazonEC2Config config, TimeSpan? maxBackoff)
        : AmazonEC2Client(credentials!, config)
    {
        protected override void CustomizeRuntimePipeline(Amazon.Runtime.Internal.RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            RetryTuning.Apply(pipeline, maxBackoff);
        }
    }
}
