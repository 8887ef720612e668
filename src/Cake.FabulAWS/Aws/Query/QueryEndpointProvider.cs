using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using static Amazon.Runtime.Internal.Endpoints.StandardLibrary.Fn;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// The endpoint rules the Auto Scaling and ELB models publish: a configured endpoint wins (and excludes FIPS and
/// dual-stack); otherwise <c>https://{prefix}[-fips].{region}.{dnsSuffix or dualStackDnsSuffix}</c> from the SDK's
/// partition table.
/// </summary>
internal sealed class QueryEndpointProvider(string endpointPrefix) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fips = Equals(parameters["UseFIPS"], true);
        var dualStack = Equals(parameters["UseDualStack"], true);
        if (IsSet(parameters["Endpoint"]))
        {
            if (fips || dualStack)
            {
                throw new AmazonClientException("Invalid Configuration: FIPS and dual-stack endpoints cannot be combined with a custom endpoint URL.");
            }

            return new Endpoint((string)parameters["Endpoint"]);
        }

        var region = parameters["Region"] as string;
        if (string.IsNullOrEmpty(region) || Partition(region) is not { } partition)
        {
            throw new AmazonClientException("Invalid Configuration: Missing Region. Set AWS_REGION, a profile region or the environment's region.");
        }

        if (fips && !Equals(GetAttr(partition, "supportsFIPS"), true))
        {
            throw new AmazonClientException($"FIPS is enabled but partition '{GetAttr(partition, "name")}' does not support FIPS.");
        }

        if (dualStack && !Equals(GetAttr(partition, "supportsDualStack"), true))
        {
            throw new AmazonClientException($"Dual-stack is enabled but partition '{GetAttr(partition, "name")}' does not support it.");
        }

        var host = fips ? $"{endpointPrefix}-fips" : endpointPrefix;
        var suffix = GetAttr(partition, dualStack ? "dualStackDnsSuffix" : "dnsSuffix");
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }
}
