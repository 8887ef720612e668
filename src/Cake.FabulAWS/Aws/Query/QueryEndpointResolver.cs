using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// The pipeline step that feeds the endpoint rules: region, FIPS, dual-stack and the configured endpoint
/// (explicit ServiceURL, AWS_ENDPOINT_URL_*, AWS_ENDPOINT_URL, profile services / endpoint_url, in the SDK's order).
/// </summary>
internal sealed class QueryEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        var config = requestContext.ClientConfig;
        var parameters = new EndpointParameters
        {
            ["Region"] = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName,
            ["UseDualStack"] = config.UseDualstackEndpoint,
            ["UseFIPS"] = config.UseFIPSEndpoint,
            ["Endpoint"] = config.ServiceURL,
        };
        if (config.RegionEndpoint is null && !string.IsNullOrEmpty(config.ServiceURL))
        {
            parameters["Region"] = !string.IsNullOrEmpty(config.AuthenticationRegion)
                ? config.AuthenticationRegion
                : AWSSDKUtils.DetermineRegion(config.ServiceURL) ?? RegionEndpoint.USEast1.SystemName;
        }

        return parameters;
    }
}
