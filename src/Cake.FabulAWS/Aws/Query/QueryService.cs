namespace Cake.FabulAWS.Aws.Query;

/// <summary>What tells one AWS Query-protocol service from another: ids, version, endpoint prefix, XML namespace.</summary>
/// <param name="ServiceId">The SDK service id; it names the AWS_ENDPOINT_URL_* variable and the profile's services key.</param>
/// <param name="SigningName">The SigV4 service name in the credential scope.</param>
/// <param name="Version">The API version sent with every request.</param>
/// <param name="EndpointPrefix">The host prefix of the regional endpoint.</param>
internal sealed record QueryService(string ServiceId, string SigningName, string Version, string EndpointPrefix)
{
    /// <summary>Amazon EC2 Auto Scaling, API 2011-01-01.</summary>
    public static readonly QueryService AutoScaling = new("Auto Scaling", "autoscaling", "2011-01-01", "autoscaling");

    /// <summary>Classic Elastic Load Balancing, API 2012-06-01.</summary>
    public static readonly QueryService ClassicLoadBalancing = new("Elastic Load Balancing", "elasticloadbalancing", "2012-06-01", "elasticloadbalancing");

    /// <summary>Elastic Load Balancing v2 (ALB/NLB), API 2015-12-01.</summary>
    public static readonly QueryService LoadBalancingV2 = new("Elastic Load Balancing v2", "elasticloadbalancing", "2015-12-01", "elasticloadbalancing");
}
