using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class InstanceRefreshesAdapterTests
{
    private static string Refresh(string id, string status, int percent) => $"""
        <member><InstanceRefreshId>{id}</InstanceRefreshId><AutoScalingGroupName>web-prod</AutoScalingGroupName><Status>{status}</Status><StatusReason>Waiting for instances to warm up before continuing.</StatusReason><StartTime>2026-11-27T06:20:00Z</StartTime><PercentageComplete>{percent}</PercentageComplete><InstancesToUpdate>2</InstancesToUpdate><Preferences><MinHealthyPercentage>90</MinHealthyPercentage><InstanceWarmup>60</InstanceWarmup><SkipMatching>false</SkipMatching></Preferences></member>
        """;

    public class TheStartAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Strategy_Desired_Template_And_Preferences()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("StartInstanceRefresh", AwsXml.AutoScaling("StartInstanceRefresh", "<InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>"));
            using var aws = Connect(server);
            var preferences = new InstanceRefreshPreferences { MinHealthyPercentage = 100, InstanceWarmupSeconds = 120, SkipMatching = true, DesiredLaunchTemplate = LaunchSource.Template("web", "13") };

            // When
            var id = await aws.InstanceRefreshes.StartAsync("web-prod", preferences);

            // Then
            Assert.Equal("08b91cf7-8fa6-48af-b6a6-d227f40f1b9b", id);
            AssertAutoScaling(
                server.Requests.Single(),
                "StartInstanceRefresh",
                "AutoScalingGroupName=web-prod",
                "Strategy=Rolling",
                "DesiredConfiguration.LaunchTemplate.LaunchTemplateName=web",
                "DesiredConfiguration.LaunchTemplate.Version=13",
                "Preferences.MinHealthyPercentage=100",
                "Preferences.InstanceWarmup=120",
                "Preferences.SkipMatching=true");
        }

        [Fact]
        public async Task Should_Report_A_Refresh_Already_Running()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("StartInstanceRefresh", new FakeResponse(400, AwsXml.Error("InstanceRefreshInProgress", "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.InstanceRefreshes.StartAsync("web-prod", new InstanceRefreshPreferences()));

            // Then
            Assert.Equal("InstanceRefreshInProgress", error.ErrorCode);
            AssertAutoScaling(server.Requests.Single(), "StartInstanceRefresh", "AutoScalingGroupName=web-prod", "Strategy=Rolling");
        }
    }

    public class TheDescribeAsyncMethod
    {
        [Fact]
        public async Task Should_Read_Refreshes_Over_Pages()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeInstanceRefreshes",
                new FakeResponse(200, AwsXml.AutoScaling("DescribeInstanceRefreshes", $"<InstanceRefreshes>{Refresh("r-2", "InProgress", 50)}</InstanceRefreshes><NextToken>n2</NextToken>")),
                new FakeResponse(200, AwsXml.AutoScaling("DescribeInstanceRefreshes", $"<InstanceRefreshes>{Refresh("r-1", "Successful", 100)}</InstanceRefreshes>")));
            using var aws = Connect(server);

            // When
            var refreshes = await aws.InstanceRefreshes.DescribeAsync("web-prod", ["r-2", "r-1"]);

            // Then
            AssertAutoScaling(server.Requests[0], "DescribeInstanceRefreshes", "AutoScalingGroupName=web-prod", "InstanceRefreshIds.member.1=r-2", "InstanceRefreshIds.member.2=r-1");
            AssertAutoScaling(server.Requests[1], "DescribeInstanceRefreshes", "AutoScalingGroupName=web-prod", "InstanceRefreshIds.member.1=r-2", "InstanceRefreshIds.member.2=r-1", "NextToken=n2");
            Assert.Equal(
                new InstanceRefresh("r-2", "web-prod", "InProgress", "Waiting for instances to warm up before continuing.", 50, 2, new DateTimeOffset(2026, 11, 27, 6, 20, 0, TimeSpan.Zero), null),
                refreshes[0]);
            Assert.False(refreshes[0].IsFinished);
            Assert.True(refreshes[1].IsFinished);
        }
    }

    public class TheCancelAsyncMethod
    {
        [Fact]
        public async Task Should_Return_The_Cancelled_Refresh()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CancelInstanceRefresh", AwsXml.AutoScaling("CancelInstanceRefresh", "<InstanceRefreshId>r-2</InstanceRefreshId>"));
            using var aws = Connect(server);

            // When
            var id = await aws.InstanceRefreshes.CancelAsync("web-prod");

            // Then
            Assert.Equal("r-2", id);
            AssertAutoScaling(server.Requests.Single(), "CancelInstanceRefresh", "AutoScalingGroupName=web-prod");
        }

        [Fact]
        public async Task Should_Return_Null_When_None_Is_Active()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CancelInstanceRefresh", new FakeResponse(400, AwsXml.Error("ActiveInstanceRefreshNotFound", "No in progress or pending Instance Refresh found for Auto Scaling group web-prod")));
            using var aws = Connect(server);

            // When
            var id = await aws.InstanceRefreshes.CancelAsync("web-prod");

            // Then
            Assert.Null(id);
        }
    }
}
