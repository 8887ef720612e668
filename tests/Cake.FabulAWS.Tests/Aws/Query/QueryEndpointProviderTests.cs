using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Cake.FabulAWS.Aws.Query;

namespace Cake.FabulAWS.Tests.Aws.Query;

public class QueryEndpointProviderTests
{
    private static EndpointParameters Parameters(string? region, bool fips = false, bool dualStack = false, string? endpoint = null) => new()
    {
        ["Region"] = region,
        ["UseFIPS"] = fips,
        ["UseDualStack"] = dualStack,
        ["Endpoint"] = endpoint,
    };

    public class TheResolveEndpointMethod
    {
        [Theory]
        [InlineData("autoscaling", "eu-west-1", false, false, "https://autoscaling.eu-west-1.amazonaws.com")]
        [InlineData("autoscaling", "us-east-1", true, false, "https://autoscaling-fips.us-east-1.amazonaws.com")]
        [InlineData("autoscaling", "eu-west-1", false, true, "https://autoscaling.eu-west-1.api.aws")]
        [InlineData("autoscaling", "us-west-2", true, true, "https://autoscaling-fips.us-west-2.api.aws")]
        [InlineData("elasticloadbalancing", "cn-north-1", false, false, "https://elasticloadbalancing.cn-north-1.amazonaws.com.cn")]
        [InlineData("elasticloadbalancing", "ap-southeast-2", false, false, "https://elasticloadbalancing.ap-southeast-2.amazonaws.com")]
        public void Should_Build_The_Regional_Endpoint(string prefix, string region, bool fips, bool dualStack, string expected)
        {
            // Given
            var provider = new QueryEndpointProvider(prefix);

            // When
            var endpoint = provider.ResolveEndpoint(Parameters(region, fips, dualStack));

            // Then
            Assert.Equal(expected, endpoint.URL);
        }

        [Fact]
        public void Should_Prefer_A_Configured_Endpoint()
        {
            // Given
            var provider = new QueryEndpointProvider("autoscaling");

            // When
            var endpoint = provider.ResolveEndpoint(Parameters("eu-west-1", endpoint: "http://127.0.0.1:4566/"));

            // Then
            Assert.Equal("http://127.0.0.1:4566/", endpoint.URL);
        }

        [Fact]
        public void Should_Refuse_Fips_With_A_Configured_Endpoint()
        {
            // Given
            var provider = new QueryEndpointProvider("autoscaling");

            // When
            var error = Record.Exception(() => provider.ResolveEndpoint(Parameters("eu-west-1", fips: true, endpoint: "http://127.0.0.1:4566/")));

            // Then
            Assert.IsType<AmazonClientException>(error);
            Assert.Contains("FIPS and dual-stack endpoints cannot be combined with a custom endpoint URL", error.Message);
        }

        [Fact]
        public void Should_Ask_For_A_Region_When_There_Is_None()
        {
            // Given
            var provider = new QueryEndpointProvider("elasticloadbalancing");

            // When
            var error = Record.Exception(() => provider.ResolveEndpoint(Parameters(null)));

            // Then
            Assert.IsType<AmazonClientException>(error);
            Assert.Contains("Missing Region", error.Message);
        }
    }
}

public class QueryClientConfigTests
{
    public class TheDetermineServiceOperationEndpointMethod
    {
        [Theory]
        [InlineData("Auto Scaling", "https://autoscaling-fips.us-east-2.amazonaws.com/")]
        [InlineData("Elastic Load Balancing", "https://elasticloadbalancing-fips.us-east-2.amazonaws.com/")]
        [InlineData("Elastic Load Balancing v2", "https://elasticloadbalancing-fips.us-east-2.amazonaws.com/")]
        public void Should_Resolve_Fips_Endpoints_From_The_Config(string serviceId, string expected)
        {
            // Given
            var service = new[] { QueryService.AutoScaling, QueryService.ClassicLoadBalancing, QueryService.LoadBalancingV2 }.Single(s => s.ServiceId == serviceId);
            var config = new QueryClientConfig(service) { RegionEndpoint = Amazon.RegionEndpoint.USEast2, UseFIPSEndpoint = true, IgnoreConfiguredEndpointUrls = true };

            // When
            var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new QueryRequest("DescribeAccountLimits")));

            // Then
            Assert.Equal(expected, endpoint.URL);
            Assert.Equal(service.SigningName, config.AuthenticationServiceName);
        }
    }
}
