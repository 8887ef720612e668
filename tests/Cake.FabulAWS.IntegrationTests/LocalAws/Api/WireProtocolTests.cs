using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>Envelopes, error shapes and service routing on the one endpoint, as the botocore models expect them.</summary>
public sealed class WireProtocolTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false) with { Tick = TimeSpan.Zero });
        api = new QueryClient(aws.Endpoint);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Wrap_Query_Results_With_Namespace_And_Request_Id()
    {
        // When
        var xml = await api.CallAsync("autoscaling", "DescribeAutoScalingGroups");

        // Then
        Assert.Equal("{http://autoscaling.amazonaws.com/doc/2011-01-01/}DescribeAutoScalingGroupsResponse", xml.Name.ToString());
        Assert.Single(xml.All("DescribeAutoScalingGroupsResult"));
        Assert.True(Guid.TryParse(xml.One("RequestId"), out _));
    }

    [Fact]
    public async Task Should_Answer_Query_Errors_With_Type_Code_And_Message()
    {
        // When
        var (status, xml) = await api.TryAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "nope"), ("DesiredCapacity", "1"));

        // Then
        Assert.Equal(400, status);
        Assert.Equal("ErrorResponse", xml.Name.LocalName);
        Assert.Equal("Sender", xml.One("Type"));
        Assert.Equal("ValidationError", xml.One("Code"));
        Assert.Contains("'nope' not found", xml.One("Message"));
        Assert.Single(xml.All("RequestId"));
    }

    [Fact]
    public async Task Should_Answer_Ec2_Errors_In_The_Ec2_Shape()
    {
        // When
        var (status, xml) = await api.TryAsync("ec2", "TerminateInstances", ("InstanceId.1", "i-00000000000000bad"));

        // Then
        Assert.Equal(400, status);
        Assert.Equal("Response", xml.Name.LocalName);
        Assert.Equal("InvalidInstanceID.NotFound", xml.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Single(xml.All("RequestID"));
    }

    [Fact]
    public async Task Should_Route_Elb_And_Elbv2_By_Version_Under_One_Signing_Name()
    {
        // When
        var classic = await api.CallAsync("elb", "DescribeLoadBalancers");
        var v2 = await api.CallAsync("elbv2", "DescribeTargetGroups");

        // Then
        Assert.Equal("http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/", classic.Name.NamespaceName);
        Assert.Equal("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", v2.Name.NamespaceName);
        Assert.Equal(1, aws.Metrics.RequestCounts["elb:DescribeLoadBalancers"]);
        Assert.Equal(1, aws.Metrics.RequestCounts["elbv2:DescribeTargetGroups"]);
    }

    [Fact]
    public async Task Should_Refuse_Unknown_Actions_With_InvalidAction_Not_A_500()
    {
        // When
        var (status, xml) = await api.TryAsync("elbv2", "CreateLoadBalancer", ("Name", "alb"));

        // Then
        Assert.Equal(400, status);
        Assert.Equal("InvalidAction", xml.One("Code"));
        Assert.Equal("LocalAws does not implement CreateLoadBalancer (elbv2 API 2015-12-01).", xml.One("Message"));
    }

    [Fact]
    public async Task Should_Refuse_A_Bad_Next_Token()
    {
        // When
        var (status, xml) = await api.TryAsync("autoscaling", "DescribeAutoScalingGroups", ("NextToken", "garbage"));

        // Then
        Assert.Equal(400, status);
        Assert.Equal("InvalidNextToken", xml.One("Code"));
    }
}
