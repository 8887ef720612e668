using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AutoScaling.AutoScalingSamples;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class AutoScalingGroupsAdapterTests
{
    public class TheFindGroupAsyncMethod
    {
        [Fact]
        public async Task Should_Read_Every_Field_Of_The_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("web-prod", Instance("i-0aaa") + Instance("i-0bbb", "Pending", "Healthy", "eu-west-1b")))));
            using var aws = Connect(server);

            // When
            var group = await aws.AutoScalingGroups.FindGroupAsync("web-prod");

            // Then
            AssertAutoScaling(server.Requests.Single(), "DescribeAutoScalingGroups", "AutoScalingGroupNames.member.1=web-prod", "MaxRecords=100");
            Assert.NotNull(group);
            Assert.Equal(("web-prod", 2, 6, 3), (group.Name, group.MinSize, group.MaxSize, group.DesiredCapacity));
            Assert.Equal(new LaunchSource("lt-0a1b2c3d4e5f60718", "web", "7"), group.LaunchSource);
            Assert.Equal(["i-0aaa", "i-0bbb"], group.Instances.Select(i => i.InstanceId));
            Assert.Equal(new GroupInstance("i-0bbb", "Pending", "Healthy", "eu-west-1b", new LaunchSource("lt-0a1b2c3d4e5f60718", "web", "7"), "t3.small"), group.Instances[1]);
            Assert.Equal(["web-elb"], group.LoadBalancerNames);
            Assert.Equal([TargetGroupArn], group.TargetGroupArns);
            Assert.Equal(["AZRebalance"], group.SuspendedProcesses);
            Assert.Equal(["OldestLaunchTemplate", "Default"], group.TerminationPolicies);
            Assert.Equal(new Dictionary<string, string> { ["environment"] = "production", ["deploy:state"] = string.Empty }, group.Tags);
            Assert.Equal(("ELB", 300), (group.HealthCheckType, group.HealthCheckGracePeriod));
            Assert.Equal(["eu-west-1a", "eu-west-1b"], group.AvailabilityZones);
        }

        [Fact]
        public async Task Should_Read_A_Launch_Configuration_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(LegacyGroup("old-web"))));
            using var aws = Connect(server);

            // When
            var group = await aws.AutoScalingGroups.FindGroupAsync("old-web");

            // Then
            Assert.Equal(LaunchSource.Configuration("web-lc-2019"), group!.LaunchSource);
            Assert.Empty(group.Instances);
            Assert.Empty(group.Tags);
        }

        [Fact]
        public async Task Should_Return_Null_When_The_Group_Does_Not_Exist()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", AwsXml.AutoScaling("DescribeAutoScalingGroups", "<AutoScalingGroups/>"));
            using var aws = Connect(server);

            // When
            var group = await aws.AutoScalingGroups.FindGroupAsync("web-gone");

            // Then
            Assert.Null(group);
        }
    }

    public class TheDescribeGroupsAsyncMethod
    {
        [Fact]
        public async Task Should_Follow_NextToken_Over_Every_Page()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeAutoScalingGroups",
                new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("a") + Group("b"), "token-2"))),
                new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("c"), "token-3"))),
                new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("d")))));
            using var aws = Connect(server);

            // When
            var groups = await aws.AutoScalingGroups.DescribeGroupsAsync([]);

            // Then
            Assert.Equal(["a", "b", "c", "d"], groups.Select(g => g.Name));
            var requests = server.Requests;
            Assert.Equal(3, requests.Count);
            AssertAutoScaling(requests[0], "DescribeAutoScalingGroups", "MaxRecords=100");
            AssertAutoScaling(requests[1], "DescribeAutoScalingGroups", "MaxRecords=100", "NextToken=token-2");
            AssertAutoScaling(requests[2], "DescribeAutoScalingGroups", "MaxRecords=100", "NextToken=token-3");
        }

        [Fact]
        public async Task Should_Send_At_Most_100_Names_Per_Call()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("web-001"))));
            using var aws = Connect(server);
            var names = Enumerable.Range(1, 101).Select(i => $"web-{i:D3}").ToList();

            // When
            var groups = await aws.AutoScalingGroups.DescribeGroupsAsync(names);

            // Then
            var requests = server.Requests;
            Assert.Equal(2, requests.Count);
            Assert.Equal(100, requests[0].Parameters.Count(p => p.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal)));
            AssertAutoScaling(requests[1], "DescribeAutoScalingGroups", "AutoScalingGroupNames.member.1=web-101", "MaxRecords=100");
            Assert.Equal(2, groups.Count);
        }

        [Fact]
        public async Task Should_Send_Every_Name_As_A_Member()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingGroups", AwsXml.AutoScaling("DescribeAutoScalingGroups", Groups(Group("web-a"))));
            using var aws = Connect(server);

            // When
            var groups = await aws.AutoScalingGroups.DescribeGroupsAsync(["web-a", "web-b"]);

            // Then
            AssertAutoScaling(server.Requests.Single(), "DescribeAutoScalingGroups", "AutoScalingGroupNames.member.1=web-a", "AutoScalingGroupNames.member.2=web-b", "MaxRecords=100");
            Assert.Equal(["web-a"], groups.Select(g => g.Name));
        }
    }

    public class TheUpdateGroupAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Sizes_Launch_Template_And_Termination_Policies()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("UpdateAutoScalingGroup", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "UpdateAutoScalingGroup"));
            using var aws = Connect(server);
            var update = new GroupUpdate("web-prod")
            {
                MinSize = 4,
                MaxSize = 8,
                DesiredCapacity = 6,
                LaunchSource = LaunchSource.Template("web", "12"),
                TerminationPolicies = ["OldestLaunchTemplate", "OldestInstance"],
            };

            // When
            await aws.AutoScalingGroups.UpdateGroupAsync(update);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "UpdateAutoScalingGroup",
                "AutoScalingGroupName=web-prod",
                "MinSize=4",
                "MaxSize=8",
                "DesiredCapacity=6",
                "LaunchTemplate.LaunchTemplateName=web",
                "LaunchTemplate.Version=12",
                "TerminationPolicies.member.1=OldestLaunchTemplate",
                "TerminationPolicies.member.2=OldestInstance");
        }

        [Fact]
        public async Task Should_Send_Only_What_Changes_And_An_Empty_List_As_Name_Equals()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("UpdateAutoScalingGroup", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "UpdateAutoScalingGroup"));
            using var aws = Connect(server);

            // When
            await aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web-prod") { LaunchSource = LaunchSource.Configuration("web-lc-7"), TerminationPolicies = [] });

            // Then
            AssertAutoScaling(server.Requests.Single(), "UpdateAutoScalingGroup", "AutoScalingGroupName=web-prod", "LaunchConfigurationName=web-lc-7", "TerminationPolicies=");
        }

        [Fact]
        public async Task Should_Name_The_Group_Region_And_Code_When_The_Group_Is_Missing()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("UpdateAutoScalingGroup", new FakeResponse(400, AwsXml.Error("ValidationError", "AutoScalingGroup name not found - null")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate("web-prod") { DesiredCapacity = 3 }));

            // Then
            Assert.StartsWith("Auto Scaling group 'web-prod' not found in eu-west-1 (ValidationError)", error.Message);
            Assert.Contains("AutoScalingGroup name not found - null", error.Message);
            Assert.Equal(("UpdateAutoScalingGroup", "Auto Scaling group 'web-prod'", "ValidationError"), (error.Operation, error.Resource, error.ErrorCode));
            Assert.Single(server.Requests);
        }
    }

    public class TheSetDesiredCapacityAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Group_And_Capacity()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetDesiredCapacity", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SetDesiredCapacity"));
            using var aws = Connect(server);

            // When
            await aws.AutoScalingGroups.SetDesiredCapacityAsync("web-prod", 5);

            // Then
            AssertAutoScaling(server.Requests.Single(), "SetDesiredCapacity", "AutoScalingGroupName=web-prod", "DesiredCapacity=5");
        }

        [Fact]
        public async Task Should_Report_A_Scaling_Activity_In_Progress()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetDesiredCapacity", new FakeResponse(400, AwsXml.Error("ScalingActivityInProgress", "Scaling activity 1a2b is in progress and blocks this action.")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.AutoScalingGroups.SetDesiredCapacityAsync("web-prod", 5));

            // Then
            Assert.Equal(
                "SetDesiredCapacity failed for Auto Scaling group 'web-prod' in eu-west-1 (ScalingActivityInProgress): Scaling activity 1a2b is in progress and blocks this action.",
                error.Message);
        }
    }

    public class TheSetTagsAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Each_Tag_As_A_Structure()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateOrUpdateTags", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "CreateOrUpdateTags"));
            using var aws = Connect(server);

            // When
            await aws.AutoScalingGroups.SetTagsAsync("web-prod", new Dictionary<string, string> { ["deploy:state"] = "serial", ["deploy:commit"] = "abc123" }, propagateAtLaunch: false);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "CreateOrUpdateTags",
                "Tags.member.1.ResourceId=web-prod",
                "Tags.member.1.ResourceType=auto-scaling-group",
                "Tags.member.1.Key=deploy:state",
                "Tags.member.1.Value=serial",
                "Tags.member.1.PropagateAtLaunch=false",
                "Tags.member.2.ResourceId=web-prod",
                "Tags.member.2.ResourceType=auto-scaling-group",
                "Tags.member.2.Key=deploy:commit",
                "Tags.member.2.Value=abc123",
                "Tags.member.2.PropagateAtLaunch=false");
        }
    }

    public class TheDeleteTagsAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Keys_Without_Values()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteTags", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "DeleteTags"));
            using var aws = Connect(server);

            // When
            await aws.AutoScalingGroups.DeleteTagsAsync("web-prod", ["deploy:state"]);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "DeleteTags",
                "Tags.member.1.ResourceId=web-prod",
                "Tags.member.1.ResourceType=auto-scaling-group",
                "Tags.member.1.Key=deploy:state");
        }
    }

    public class TheDescribeActivitiesAsyncMethod
    {
        [Fact]
        public async Task Should_Read_Activities_With_Times_And_Status()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeScalingActivities", AwsXml.AutoScaling("DescribeScalingActivities", $"<Activities>{Activity("act-2", "Failed")}{Activity("act-1", "Successful")}</Activities><NextToken>more</NextToken>"));
            using var aws = Connect(server);

            // When
            var activities = await aws.AutoScalingGroups.DescribeActivitiesAsync("web-prod", maxRecords: 2);

            // Then
            AssertAutoScaling(server.Requests.Single(), "DescribeScalingActivities", "AutoScalingGroupName=web-prod", "MaxRecords=2");
            Assert.Equal(["act-2", "act-1"], activities.Select(a => a.ActivityId));
            Assert.Equal("Failed", activities[0].StatusCode);
            Assert.Equal("You have requested more vCPU capacity than your current vCPU limit allows.", activities[0].StatusMessage);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 0, 5, 123, TimeSpan.Zero), activities[0].StartTime);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 0, 41, TimeSpan.Zero), activities[0].EndTime);
            Assert.StartsWith("At 2026-11-27T06:00:00Z an instance was started", activities[0].Cause);
        }
    }
}
