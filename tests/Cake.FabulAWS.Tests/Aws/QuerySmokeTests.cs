using Amazon.Runtime;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Aws.Query;

namespace Cake.FabulAWS.Tests.Aws;

public class QuerySmokeTests
{
    [Fact]
    public async Task Should_Sign_And_Parse()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.On("DescribeAutoScalingGroups", new FakeResponse(400, AwsXml.Error("Throttling", "Rate exceeded")), new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingGroups", "<AutoScalingGroups><member><AutoScalingGroupName>web</AutoScalingGroupName></member></AutoScalingGroups>")));
        using var clients = new AwsClients(new AwsConnectionSettings { Region = "eu-west-1", EndpointUrl = server.Url, Credentials = new BasicAWSCredentials("AKIDTEST", "secret"), MaxErrorRetry = 2, MaxRetryBackoff = TimeSpan.FromMilliseconds(1) });
        var result = await clients.AutoScaling.CallAsync(new QueryRequest("DescribeAutoScalingGroups").AddList("AutoScalingGroupNames", ["web"]).AddList("Empty", []), default);
        Console.WriteLine(result);
        foreach (var r in server.Requests) { Console.WriteLine(string.Join(" ", r.Form)); Console.WriteLine(r.Headers["Authorization"]); Console.WriteLine(r.Headers.GetValueOrDefault("Content-Type")); }
        try { await clients.AutoScaling.CallAsync(new QueryRequest("Nope"), default); } catch (Exception e) { Console.WriteLine(e.GetType() + " " + (e as AmazonServiceException)?.ErrorCode + " " + e.Message); }
        Assert.Equal(3, server.Requests.Count);
    }
}
