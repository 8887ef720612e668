using Amazon.Runtime;
using Cake.FabulAWS.Aws;

namespace Cake.FabulAWS.Tests.Aws;

/// <summary>Connects the adapters to a loopback fake with fake credentials and fast retries.</summary>
public static class AwsTestConnection
{
    public const string Region = "eu-west-1";

    public static AwsServices Connect(FakeAwsServer server, int maxErrorRetry = 2) => AwsClientFactory.Create(Settings(server, maxErrorRetry));

    public static AwsConnectionSettings Settings(FakeAwsServer server, int maxErrorRetry = 2) => new()
    {
        Region = Region,
        EndpointUrl = server.Url,
        Credentials = new BasicAWSCredentials("AKIDFABULTEST", "fake-secret"),
        MaxErrorRetry = maxErrorRetry,
        MaxRetryBackoff = TimeSpan.FromMilliseconds(1),
    };

    /// <summary>Asserts the action, the API version and the exact set of other form parameters.</summary>
    public static void AssertForm(RecordedRequest request, string action, string version, params string[] parameters)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal(action, request.Action);
        Assert.Equal(version, request.Value("Version"));
        Assert.Equal(parameters.Order(StringComparer.Ordinal), request.Parameters.Order(StringComparer.Ordinal));
    }

    /// <summary>Asserts an EC2 call that AWSSDK.EC2 makes idempotent with a generated ClientToken (a GUID).</summary>
    public static void AssertEc2WithClientToken(RecordedRequest request, string action, params string[] parameters)
    {
        var token = request.Value("ClientToken");
        Assert.True(Guid.TryParse(token, out _), $"ClientToken '{token}' is not a GUID");
        AssertForm(request, action, "2016-11-15", [.. parameters, $"ClientToken={token}"]);
    }

    public static void AssertAutoScaling(RecordedRequest request, string action, params string[] parameters) =>
        AssertForm(request, action, "2011-01-01", parameters);

    public static void AssertElb(RecordedRequest request, string action, params string[] parameters) =>
        AssertForm(request, action, "2012-06-01", parameters);

    public static void AssertElbV2(RecordedRequest request, string action, params string[] parameters) =>
        AssertForm(request, action, "2015-12-01", parameters);
}
