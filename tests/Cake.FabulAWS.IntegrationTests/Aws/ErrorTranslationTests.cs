using Amazon.Runtime;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>AWS errors from LocalAws's real wire format reach callers as AwsOperationException; throttling is retried.</summary>
public sealed class ErrorTranslationTests
{
    public sealed class TheErrorFunnel : LocalAwsTest
    {
        internal override global::LocalAws.LocalAwsOptions Configure(global::LocalAws.LocalAwsOptions options) => options with { RandomSeed = 11 };

        [Fact]
        public async Task Should_Name_The_Missing_Group_The_Region_And_The_Code_Without_Retrying()
        {
            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("missing-group") { DesiredCapacity = 2 }));

            // Then
            Assert.Contains("'missing-group'", error.Message);
            Assert.Contains("us-east-1", error.Message);
            Assert.Contains("ValidationError", error.Message);
            Assert.Equal(("UpdateAutoScalingGroup", "ValidationError"), (error.Operation, error.ErrorCode));
            Assert.Equal(1, Server.Metrics.Count("UpdateAutoScalingGroup"));
        }

        [Fact]
        public async Task Should_Retry_Throttled_Calls_Until_They_Succeed()
        {
            // Given
            await CreateGroupAsync("web", 0);
            using var patient = AwsClientFactory.Create(new AwsConnectionSettings
            {
                EndpointUrl = Server.Endpoint.ToString(),
                Region = "us-east-1",
                Credentials = new BasicAWSCredentials("x", "x"),
                MaxErrorRetry = 10,
                MaxRetryBackoff = TimeSpan.FromMilliseconds(1),
            });
            Server.Faults.ThrottleRate = 0.5;
            const int Calls = 10;

            // When
            var groups = new List<AutoScalingGroup?>();
            for (var n = 0; n < Calls; n++)
            {
                groups.Add(await patient.AutoScalingGroups.FindGroupAsync("web"));
            }

            var described = await patient.Instances.DescribeAsync([]); // no call at all
            var templates = new List<LaunchTemplateVersion?>();
            for (var n = 0; n < Calls; n++)
            {
                templates.Add(await patient.LaunchTemplates.FindVersionAsync("web", "1"));
            }

            // Then
            Assert.All(groups, g => Assert.Equal("web", g?.Name));
            Assert.All(templates, t => Assert.Equal(1L, t?.Version));
            Assert.Empty(described);
            Assert.True(Server.Metrics.Count("DescribeAutoScalingGroups") > Calls, $"{Server.Metrics.Count("DescribeAutoScalingGroups")} DescribeAutoScalingGroups requests for {Calls} calls");
            Assert.True(Server.Metrics.Count("DescribeLaunchTemplateVersions") > Calls, $"{Server.Metrics.Count("DescribeLaunchTemplateVersions")} DescribeLaunchTemplateVersions requests for {Calls} calls");
        }

        [Fact]
        public async Task Should_Retry_Server_Errors_Before_Giving_Up()
        {
            // Given
            Server.Faults.ServerErrorRate = 1.0;

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.AutoScalingGroups.FindGroupAsync("web"));

            // Then
            Assert.Equal("InternalFailure", error.ErrorCode);
            Assert.Contains("AWS_MAX_ATTEMPTS", error.Message);
            Assert.Equal(3, Server.Metrics.Count("DescribeAutoScalingGroups")); // the SDK's standard mode: 3 attempts
        }

        [Fact]
        public async Task Should_Give_Up_On_A_Call_Throttled_Every_Time_And_Say_So()
        {
            // Given
            Server.Faults.ThrottleRate = 1.0;

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => Ports.AutoScalingGroups.FindGroupAsync("web"));

            // Then
            Assert.Equal("Throttling", error.ErrorCode);
            Assert.Contains("'web'", error.Message);
            Assert.Equal(3, Server.Metrics.Count("DescribeAutoScalingGroups")); // the SDK's standard mode: 3 attempts
        }
    }
}
