using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Cake.FabulAWS.Aws.Query;

namespace Cake.FabulAWS.Aws;

/// <summary>The four SDK clients of one connection, configured alike (region, endpoint, profile, retries).</summary>
internal sealed class AwsClients : IDisposable
{
    private readonly AwsConnectionSettings settings;

    public AwsClients(AwsConnectionSettings settings)
    {
        this.settings = settings;
        AutoScaling = CreateQueryClient(QueryService.AutoScaling);
        ClassicLoadBalancing = CreateQueryClient(QueryService.ClassicLoadBalancing);
        LoadBalancingV2 = CreateQueryClient(QueryService.LoadBalancingV2);
        var ec2Config = Configure(new AmazonEC2Config());
        Ec2 = new TunedEc2Client(settings.Credentials, ec2Config, settings.MaxRetryBackoff);
    }

    public QueryServiceClient AutoScaling { get; }

    public QueryServiceClient ClassicLoadBalancing { get; }

    public QueryServiceClient LoadBalancingV2 { get; }

    public IAmazonEC2 Ec2 { get; }

    /// <summary>Gets the region for messages: the configured one, else what the SDK resolved.</summary>
    public string Region => settings.Region
        ?? AutoScaling.Config.RegionEndpoint?.SystemName
        ?? AutoScaling.Config.AuthenticationRegion
        ?? "the default region";

    public void Dispose()
    {
        AutoScaling.Dispose();
        ClassicLoadBalancing.Dispose();
        LoadBalancingV2.Dispose();
        Ec2.Dispose();
    }

    private QueryServiceClient CreateQueryClient(QueryService service) =>
        new(settings.Credentials, Configure(new QueryClientConfig(service)), settings.MaxRetryBackoff);

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        if (settings.Profile is { Length: > 0 } profile)
        {
            config.Profile = new Profile(profile);
        }

        if (settings.EndpointUrl is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
        }

        if (settings.Region is { Length: > 0 } region)
        {
            if (settings.EndpointUrl is not { Length: > 0 })
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            // The signing region, also with a custom endpoint whose host names no region (the SDK would sign for us-east-1).
            config.AuthenticationRegion = region;
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
