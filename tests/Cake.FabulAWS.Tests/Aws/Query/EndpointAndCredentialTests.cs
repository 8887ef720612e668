using Amazon.Runtime;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.Query;

/// <summary>
/// Endpoint, region and credential resolution as the SDK does it, with AWS_* variables and ~/.aws files.
/// Every nested class joins the non-parallel collection: the attribute is not inherited by nested classes.
/// </summary>
public class EndpointAndCredentialTests
{
    private static readonly BasicAWSCredentials Keys = new("AKIDFABULTEST", "fake-secret");

    private static string NoGroups => AwsXml.AutoScaling("DescribeAutoScalingGroups", "<AutoScalingGroups/>");

    private static async Task<FakeAwsServer> StartAsync()
    {
        var server = await FakeAwsServer.StartAsync();
        server.On("DescribeAutoScalingGroups", NoGroups);
        server.On("DescribeTargetGroups", AwsXml.ElbV2("DescribeTargetGroups", "<TargetGroups><member><TargetGroupArn>arn:tg</TargetGroupArn></member></TargetGroups>"));
        server.On("DescribeLoadBalancers", AwsXml.Elb("DescribeLoadBalancers", "<LoadBalancerDescriptions/>"));
        server.On("DescribeInstances", AwsXml.Ec2("DescribeInstances", "<reservationSet/>"));
        return server;
    }

    private static void WriteProfile(AwsEnvironment environment, string? endpointUrl, string? servicesUrl, string region = "eu-central-1")
    {
        var lines = new List<string> { "[profile fabul]", $"region = {region}" };
        if (endpointUrl is not null)
        {
            lines.Add($"endpoint_url = {endpointUrl}");
        }

        if (servicesUrl is not null)
        {
            lines.AddRange(["services = fabul-local", string.Empty, "[services fabul-local]", "auto_scaling =", $"  endpoint_url = {servicesUrl}"]);
        }

        environment.WriteFiles(string.Join('\n', lines) + "\n", "[fabul]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n");
    }

    [Collection(AwsEnvironmentCollection.Name)]
    public class TheEndpointPrecedence
    {
        [Fact]
        public async Task Should_Prefer_The_Explicit_Endpoint_Over_Everything()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var explicitServer = await StartAsync();
            await using var serviceServer = await StartAsync();
            await using var globalServer = await StartAsync();
            await using var profileServer = await StartAsync();
            WriteProfile(environment, profileServer.Url, profileServer.Url);
            environment.Set("AWS_ENDPOINT_URL_AUTO_SCALING", serviceServer.Url).Set("AWS_ENDPOINT_URL", globalServer.Url);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { EndpointUrl = explicitServer.Url, Profile = "fabul", Credentials = Keys, Region = Region });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Single(explicitServer.Requests);
            Assert.Empty(serviceServer.Requests.Concat(globalServer.Requests).Concat(profileServer.Requests));
        }

        [Fact]
        public async Task Should_Use_The_Service_Variable_Before_The_Global_One()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var serviceServer = await StartAsync();
            await using var globalServer = await StartAsync();
            environment.Set("AWS_ENDPOINT_URL_AUTO_SCALING", serviceServer.Url).Set("AWS_ENDPOINT_URL", globalServer.Url);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Credentials = Keys, Region = Region });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");
            await aws.LoadBalancing.ResolveTargetGroupAsync("web-tg");

            // Then
            Assert.Equal(["DescribeAutoScalingGroups"], serviceServer.Requests.Select(r => r.Action));
            Assert.Equal(["DescribeTargetGroups"], globalServer.Requests.Select(r => r.Action));
        }

        [Fact]
        public async Task Should_Use_The_Per_Service_Variables_Of_Elb_Elbv2_And_Ec2()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var elb = await StartAsync();
            await using var elbV2 = await StartAsync();
            await using var ec2 = await StartAsync();
            environment
                .Set("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING", elb.Url)
                .Set("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", elbV2.Url)
                .Set("AWS_ENDPOINT_URL_EC2", ec2.Url);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Credentials = Keys, Region = Region });

            // When
            await aws.Provisioning.DescribeClassicLoadBalancersAsync([]);
            await aws.LoadBalancing.ResolveTargetGroupAsync("web-tg");
            await aws.Instances.FindByTagsAsync(new Dictionary<string, string> { ["role"] = "web" }, []);

            // Then
            Assert.Equal(["DescribeLoadBalancers"], elb.Requests.Select(r => r.Action));
            Assert.Equal(["DescribeTargetGroups"], elbV2.Requests.Select(r => r.Action));
            Assert.Equal(["DescribeInstances"], ec2.Requests.Select(r => r.Action));
            Assert.Contains($"/{Region}/elasticloadbalancing/aws4_request", elbV2.Requests.Single().Headers["Authorization"]);
            Assert.Contains($"/{Region}/ec2/aws4_request", ec2.Requests.Single().Headers["Authorization"]);
        }

        [Fact]
        public async Task Should_Use_The_Global_Variable_Before_The_Profile()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var globalServer = await StartAsync();
            await using var profileServer = await StartAsync();
            WriteProfile(environment, profileServer.Url, profileServer.Url);
            environment.Set("AWS_ENDPOINT_URL", globalServer.Url);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Profile = "fabul", Credentials = Keys });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Single(globalServer.Requests);
            Assert.Empty(profileServer.Requests);
        }

        [Fact]
        public async Task Should_Use_The_Profile_Services_Section_Before_Its_Endpoint_Url()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var servicesServer = await StartAsync();
            await using var profileServer = await StartAsync();
            WriteProfile(environment, profileServer.Url, servicesServer.Url);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Profile = "fabul", Credentials = Keys });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");
            await aws.LoadBalancing.ResolveTargetGroupAsync("web-tg");

            // Then
            Assert.Equal(["DescribeAutoScalingGroups"], servicesServer.Requests.Select(r => r.Action));
            Assert.Equal(["DescribeTargetGroups"], profileServer.Requests.Select(r => r.Action));
        }

        [Fact]
        public async Task Should_Use_The_Profile_Endpoint_Url_Last()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var profileServer = await StartAsync();
            WriteProfile(environment, profileServer.Url, null);
            environment.Set("AWS_PROFILE", "fabul");
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Credentials = Keys });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Contains("/eu-central-1/autoscaling/aws4_request", profileServer.Requests.Single().Headers["Authorization"]);
        }
    }

    [Collection(AwsEnvironmentCollection.Name)]
    public class TheSigningScope
    {
        [Fact]
        public async Task Should_Sign_For_The_Configured_Region_And_Autoscaling()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { EndpointUrl = server.Url, Credentials = Keys, Region = "ap-southeast-2" });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            var authorization = server.Requests.Single().Headers["Authorization"];
            Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDFABULTEST/\d{8}/ap-southeast-2/autoscaling/aws4_request, SignedHeaders=[^ ]*host[^ ]*x-amz-date[^ ]*, Signature=[0-9a-f]{64}$", authorization);
        }

        [Fact]
        public async Task Should_Sign_For_The_Profile_Region_When_None_Is_Configured()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            WriteProfile(environment, server.Url, null, region: "eu-north-1");
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Profile = "fabul" });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Contains("Credential=AKIDPROFILE/", server.Requests.Single().Headers["Authorization"]);
            Assert.Contains("/eu-north-1/autoscaling/aws4_request", server.Requests.Single().Headers["Authorization"]);
            Assert.Equal("eu-north-1", aws.Region);
        }

        [Fact]
        public async Task Should_Sign_For_AWS_REGION_With_An_Endpoint_From_The_Environment()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            environment.Set("AWS_ENDPOINT_URL", server.Url).Set("AWS_REGION", "us-west-2");
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Credentials = Keys });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            Assert.Contains("/us-west-2/autoscaling/aws4_request", server.Requests.Single().Headers["Authorization"]);
        }
    }

    [Collection(AwsEnvironmentCollection.Name)]
    public class TheCredentialChain
    {
        [Fact]
        public async Task Should_Take_Keys_From_The_Environment()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            environment.Set("AWS_ACCESS_KEY_ID", "AKIDFROMENV").Set("AWS_SECRET_ACCESS_KEY", "env-secret").Set("AWS_SESSION_TOKEN", "env-session-token");
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { EndpointUrl = server.Url, Region = Region });

            // When
            await aws.AutoScalingGroups.FindGroupAsync("web");

            // Then
            var request = server.Requests.Single();
            Assert.Contains("Credential=AKIDFROMENV/", request.Headers["Authorization"]);
            Assert.Equal("env-session-token", request.Headers["X-Amz-Security-Token"]);
        }

        [Fact]
        public async Task Should_Take_Keys_From_The_Named_Profile()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            WriteProfile(environment, null, null);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { EndpointUrl = server.Url, Region = Region, Profile = "fabul" });

            // When
            await aws.Instances.FindByTagsAsync(new Dictionary<string, string> { ["role"] = "web" }, ["running"]);

            // Then
            Assert.Contains("Credential=AKIDPROFILE/", server.Requests.Single().Headers["Authorization"]);
        }

        [Fact]
        public async Task Should_Explain_How_To_Configure_Credentials_When_There_Are_None()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await StartAsync();
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { EndpointUrl = server.Url, Region = Region, MaxErrorRetry = 0 });

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.FindGroupAsync("web"));

            // Then
            Assert.Empty(server.Requests);
            Assert.Null(error.ErrorCode);
            Assert.Contains("Configure credentials", error.Message);
        }
    }

    [Collection(AwsEnvironmentCollection.Name)]
    public class TheRetrySettings
    {
        [Fact]
        public async Task Should_Take_The_Attempts_From_AWS_MAX_ATTEMPTS()
        {
            // Given
            using var environment = new AwsEnvironment();
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", new FakeResponse(400, AwsXml.Error("Throttling", "Rate exceeded")));
            environment.Set("AWS_MAX_ATTEMPTS", "4").Set("AWS_RETRY_MODE", "standard");
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings
            {
                EndpointUrl = server.Url, Region = Region, Credentials = Keys, MaxRetryBackoff = TimeSpan.FromMilliseconds(1),
            });

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.FindGroupAsync("web"));

            // Then
            Assert.Equal("Throttling", error.ErrorCode);
            Assert.Equal(4, server.Requests.Count);
        }
    }
}
