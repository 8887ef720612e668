using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.Query;

/// <summary>What the SDK's retry policy does with AWS's answers, seen through the adapters.</summary>
public class RetryAndErrorTests
{
    private static readonly FakeResponse Throttled = new(400, AwsXml.Error("Throttling", "Rate exceeded"));

    public class TheRetryPolicy
    {
        [Fact]
        public async Task Should_Retry_Throttling_Until_It_Succeeds()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetDesiredCapacity", Throttled, Throttled, new FakeResponse(200, AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SetDesiredCapacity")));
            using var aws = Connect(server, maxErrorRetry: 3);

            // When
            await aws.AutoScalingGroups.SetDesiredCapacityAsync("web-prod", 4);

            // Then
            Assert.Equal(3, server.RequestsFor("SetDesiredCapacity").Count);
        }

        [Fact]
        public async Task Should_Retry_Elb_DependencyThrottle()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeLoadBalancers",
                new FakeResponse(400, AwsXml.Error("DependencyThrottle", "Rate exceeded", "Sender")),
                new FakeResponse(200, AwsXml.Elb("DescribeLoadBalancers", "<LoadBalancerDescriptions/>")));
            using var aws = Connect(server);

            // When
            var found = await aws.Provisioning.DescribeClassicLoadBalancersAsync([]);

            // Then
            Assert.Empty(found);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task Should_Retry_Ec2_RequestLimitExceeded()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "TerminateInstances",
                new FakeResponse(503, AwsXml.Ec2Error("RequestLimitExceeded", "Request limit exceeded.")),
                new FakeResponse(200, AwsXml.Ec2("TerminateInstances", "<instancesSet/>")));
            using var aws = Connect(server);

            // When
            await aws.Instances.TerminateAsync(["i-01"]);

            // Then
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task Should_Retry_Server_Errors()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeTargetHealth",
                new FakeResponse(500, AwsXml.Error("InternalFailure", "An internal error occurred.", "Receiver")),
                new FakeResponse(200, AwsXml.ElbV2("DescribeTargetHealth", "<TargetHealthDescriptions/>")));
            using var aws = Connect(server);

            // When
            var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.TargetGroup("arn:tg"), []);

            // Then
            Assert.Empty(health);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public async Task Should_Not_Retry_Validation_Errors()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetDesiredCapacity", new FakeResponse(400, AwsXml.Error("ValidationError", "New SetDesiredCapacity value 9 is above max value 6 for the AutoScalingGroup.")));
            using var aws = Connect(server, maxErrorRetry: 3);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.SetDesiredCapacityAsync("web-prod", 9));

            // Then
            Assert.Single(server.Requests);
            Assert.Equal(
                "SetDesiredCapacity failed for Auto Scaling group 'web-prod' in eu-west-1 (ValidationError): New SetDesiredCapacity value 9 is above max value 6 for the AutoScalingGroup.",
                error.Message);
        }

        [Fact]
        public async Task Should_Give_Up_After_The_Configured_Retries_And_Say_So()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SuspendProcesses", Throttled);
            using var aws = Connect(server, maxErrorRetry: 2);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.ScalingProcesses.SuspendProcessesAsync("web-prod", ["Launch"]));

            // Then
            Assert.Equal(3, server.Requests.Count);
            Assert.Equal("Throttling", error.ErrorCode);
            Assert.Contains("AWS kept failing after the SDK's retries", error.Message);
        }
    }

    public class TheErrorFunnel
    {
        [Fact]
        public async Task Should_Say_That_AWS_Never_Answered_When_Nothing_Listens()
        {
            // Given
            var server = await FakeAwsServer.StartAsync();
            var settings = Settings(server, maxErrorRetry: 0);
            await server.DisposeAsync();
            using var aws = AwsClientFactory.Create(settings);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.FindGroupAsync("web-prod"));

            // Then
            Assert.Null(error.ErrorCode);
            Assert.StartsWith("DescribeAutoScalingGroups failed for Auto Scaling group 'web-prod' in eu-west-1 before AWS answered:", error.Message);
        }

        [Fact]
        public async Task Should_Point_At_The_Endpoint_When_The_Answer_Is_Not_From_AWS()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", new FakeResponse(404, "<html><body>Not Found</body></html>"));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.FindGroupAsync("web-prod"));

            // Then
            Assert.Equal(("DescribeAutoScalingGroups", "Auto Scaling group 'web-prod'"), (error.Operation, error.Resource));
            Assert.Contains("Check the endpoint URL", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Should_Report_Access_Denied_With_The_Fix()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeTargetGroups", new FakeResponse(403, AwsXml.Error("AccessDenied", "User: arn:aws:iam::123456789012:user/deploy is not authorized to perform: elasticloadbalancing:DescribeTargetGroups")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.LoadBalancing.ResolveTargetGroupAsync("web-tg"));

            // Then
            Assert.Equal("AccessDenied", error.ErrorCode);
            Assert.EndsWith("The credentials in use lack this permission: add it to their IAM policy.", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Should_Let_Cancellation_Through()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            using var aws = Connect(server);
            using var cancellation = new CancellationTokenSource();
            await cancellation.CancelAsync();

            // When
            var exception = await Record.ExceptionAsync(() => aws.AutoScalingGroups.FindGroupAsync("web-prod", cancellation.Token));

            // Then
            Assert.IsAssignableFrom<OperationCanceledException>(exception);
        }
    }
}
