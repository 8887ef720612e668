using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class GroupInstancesAdapterTests
{
    private static string Details(string id, string group, string state = "InService") => $"""
        <member><InstanceId>{id}</InstanceId><InstanceType>t3.small</InstanceType><AutoScalingGroupName>{group}</AutoScalingGroupName><AvailabilityZone>eu-west-1a</AvailabilityZone><LifecycleState>{state}</LifecycleState><HealthStatus>HEALTHY</HealthStatus><LaunchConfigurationName>web-lc-7</LaunchConfigurationName><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>
        """;

    public class TheDescribeAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Ids_And_Follow_Pages()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeAutoScalingInstances",
                new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingInstances", $"<AutoScalingInstances>{Details("i-01", "web-prod")}</AutoScalingInstances><NextToken>p2</NextToken>")),
                new FakeResponse(200, AwsXml.AutoScaling("DescribeAutoScalingInstances", $"<AutoScalingInstances>{Details("i-02", "web-prod", "Terminating:Wait")}</AutoScalingInstances>")));
            using var aws = Connect(server);

            // When
            var instances = await aws.GroupInstances.DescribeAsync(["i-01", "i-02", "i-03"]);

            // Then
            var requests = server.Requests;
            AssertAutoScaling(requests[0], "DescribeAutoScalingInstances", "InstanceIds.member.1=i-01", "InstanceIds.member.2=i-02", "InstanceIds.member.3=i-03", "MaxRecords=50");
            AssertAutoScaling(requests[1], "DescribeAutoScalingInstances", "InstanceIds.member.1=i-01", "InstanceIds.member.2=i-02", "InstanceIds.member.3=i-03", "MaxRecords=50", "NextToken=p2");
            Assert.Equal(2, instances.Count);
            Assert.Equal(("web-prod", new GroupInstance("i-01", "InService", "HEALTHY", "eu-west-1a", LaunchSource.Configuration("web-lc-7"), "t3.small")), instances[0]);
            Assert.Equal("Terminating:Wait", instances[1].Instance.LifecycleState);
        }

        [Fact]
        public async Task Should_Send_At_Most_50_Ids_Per_Call()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeAutoScalingInstances", AwsXml.AutoScaling("DescribeAutoScalingInstances", "<AutoScalingInstances/>"));
            using var aws = Connect(server);
            var ids = Enumerable.Range(1, 51).Select(i => $"i-{i:D3}").ToList();

            // When
            await aws.GroupInstances.DescribeAsync(ids);

            // Then
            var requests = server.Requests;
            Assert.Equal(2, requests.Count);
            Assert.Equal(50, requests[0].Parameters.Count(p => p.StartsWith("InstanceIds.member.", StringComparison.Ordinal)));
            AssertAutoScaling(requests[1], "DescribeAutoScalingInstances", "InstanceIds.member.1=i-051", "MaxRecords=50");
        }

        [Fact]
        public async Task Should_Not_Describe_Every_Instance_When_Given_No_Ids()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            using var aws = Connect(server);

            // When
            var instances = await aws.GroupInstances.DescribeAsync([]);

            // Then
            Assert.Empty(instances);
            Assert.Empty(server.Requests);
        }
    }

    public class TheSetHealthAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Unhealthy_Without_Grace_Period()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetInstanceHealth", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SetInstanceHealth"));
            using var aws = Connect(server);

            // When
            await aws.GroupInstances.SetHealthAsync("i-0abc", healthy: false);

            // Then
            AssertAutoScaling(server.Requests.Single(), "SetInstanceHealth", "InstanceId=i-0abc", "HealthStatus=Unhealthy", "ShouldRespectGracePeriod=false");
        }

        [Fact]
        public async Task Should_Send_Healthy_With_Grace_Period()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SetInstanceHealth", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SetInstanceHealth"));
            using var aws = Connect(server);

            // When
            await aws.GroupInstances.SetHealthAsync("i-0abc", healthy: true, respectGracePeriod: true);

            // Then
            AssertAutoScaling(server.Requests.Single(), "SetInstanceHealth", "InstanceId=i-0abc", "HealthStatus=Healthy", "ShouldRespectGracePeriod=true");
        }
    }

    public class TheTerminateAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Instance_And_Decrement_Flag()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("TerminateInstanceInAutoScalingGroup", AwsXml.AutoScaling("TerminateInstanceInAutoScalingGroup", """
                <Activity><ActivityId>a1b2</ActivityId><AutoScalingGroupName>web-prod</AutoScalingGroupName><Description>Terminating EC2 instance: i-0abc</Description><Cause>At 2026-11-27T06:10:00Z instance i-0abc was taken out of service in response to a user request.</Cause><StartTime>2026-11-27T06:10:00Z</StartTime><StatusCode>InProgress</StatusCode><Progress>0</Progress></Activity>
                """));
            using var aws = Connect(server);

            // When
            await aws.GroupInstances.TerminateAsync("i-0abc", decrementDesiredCapacity: true);

            // Then
            AssertAutoScaling(server.Requests.Single(), "TerminateInstanceInAutoScalingGroup", "InstanceId=i-0abc", "ShouldDecrementDesiredCapacity=true");
        }

        [Fact]
        public async Task Should_Name_The_Instance_When_It_Is_Not_In_A_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("TerminateInstanceInAutoScalingGroup", new FakeResponse(400, AwsXml.Error("ValidationError", "Instance Id not found - No managed instance found for instance ID: i-0abc")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.GroupInstances.TerminateAsync("i-0abc", decrementDesiredCapacity: false));

            // Then
            Assert.StartsWith("Instance 'i-0abc' not found in eu-west-1 (ValidationError)", error.Message);
            Assert.Equal("instance 'i-0abc'", error.Resource);
        }
    }
}
