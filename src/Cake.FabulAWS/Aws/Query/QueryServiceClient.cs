using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// An SDK service client for one Query-protocol service. Credentials, signing, retries, endpoints and error
/// parsing are the SDK's own pipeline; this class only swaps in the endpoint resolver and the SigV4 auth resolver.
/// </summary>
internal sealed class QueryServiceClient : AmazonServiceClient
{
    private readonly QueryRequestMarshaller marshaller;
    private QueryServiceMetadata? metadata;

    /// <param name="credentials">Explicit credentials, or null for the SDK's default chain (env, profiles, SSO, IMDS).</param>
    /// <param name="config">The client configuration.</param>
    /// <param name="maxBackoff">Caps the retry backoff (tests); null keeps the SDK's.</param>
    public QueryServiceClient(AWSCredentials? credentials, QueryClientConfig config, TimeSpan? maxBackoff)
        : base(credentials!, config)
    {
        marshaller = new QueryRequestMarshaller(config.Service);
        RetryTuning.Apply(RuntimePipeline, maxBackoff);
    }

    public QueryService Service => ((QueryClientConfig)Config).Service;

    // The base constructor may ask before this constructor's body runs: create it on first use.
    protected override IServiceMetadata ServiceMetadata => metadata ??= new QueryServiceMetadata(Service.ServiceId);

    /// <summary>Calls an action and returns its <c>{Action}Result</c> element (null for actions without one).</summary>
    public async Task<XElement?> CallAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = marshaller,
            ResponseUnmarshaller = new QueryResponseUnmarshaller(request.Action),
        };
        var response = await InvokeAsync<QueryResponse>(request, options, cancellationToken).ConfigureAwait(false);
        return response.Result;
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new QueryEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new QueryAuthResolver());
    }

    private sealed class QueryServiceMetadata(string serviceId) : IServiceMetadata
    {
        public string ServiceId { get; } = serviceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
