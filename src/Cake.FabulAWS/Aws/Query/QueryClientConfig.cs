using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// The SDK client configuration of one Query service. Setting <see cref="ClientConfig.ServiceId"/> is what makes
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt; and the profile's <c>services</c> section apply; the defaults (retry mode,
/// timeouts) are the same tables AWSSDK.EC2 ships.
/// </summary>
internal sealed class QueryClientConfig : ClientConfig
{
    private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString("FabulAWS", "4.1.0");

    public QueryClientConfig(QueryService service)
        : base(new DefaultConfigurationProvider(Amazon.EC2.AmazonEC2DefaultConfiguration.GetAllConfigurations()))
    {
        Service = service;
        base.ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new QueryEndpointProvider(service.EndpointPrefix);
    }

    public QueryService Service { get; }

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override string ServiceVersion => Service.Version;

    public override string UserAgent => UserAgentString;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        var requestContext = new RequestContext(false)
        {
            ClientConfig = this,
            OriginalRequest = parameters.Request,
            Request = new DefaultRequest(parameters.Request, Service.ServiceId) { AlternateEndpoint = parameters.AlternateEndpoint },
        };
        return new QueryEndpointResolver().GetEndpoint(new Amazon.Runtime.Internal.ExecutionContext(requestContext, null));
    }
}
