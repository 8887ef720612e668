using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.LoadBalancing;

public class LoadBalancingAdapterTests
{
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";

    private static string State(string id, string state, string reason, string description) =>
        $"<member><InstanceId>{id}</InstanceId><State>{state}</State><ReasonCode>{reason}</ReasonCode><Description>{description}</Description></member>";

    private static string Target(string id, string state, string reason = "", string description = "") =>
        $"<member><Target><Id>{id}</Id><Port>80</Port></Target><HealthCheckPort>80</HealthCheckPort><TargetHealth><State>{state}</State>" +
        (reason.Length > 0 ? $"<Reason>{reason}</Reason><Description>{description}</Description>" : string.Empty) + "</TargetHealth></member>";

    public class TheGetHealthAsyncMethod
    {
        [Fact]
        public async Task Should_Map_Classic_States()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeInstanceHealth", AwsXml.Elb("DescribeInstanceHealth", "<InstanceStates>"
                + State("i-01", "InService", "N/A", "N/A")
                + State("i-02", "OutOfService", "ELB", "Instance registration is still in progress.")
                + State("i-03", "OutOfService", "Instance", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.")
                + State("i-04", "Unknown", "ELB", "A transient error occurred. Please try again later.")
                + "</InstanceStates>"));
            using var aws = Connect(server);

            // When
            var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.Classic("web-elb"), ["i-01", "i-02", "i-03", "i-04"]);

            // Then
            AssertElb(
                server.Requests.Single(),
                "DescribeInstanceHealth",
                "LoadBalancerName=web-elb",
                "Instances.member.1.InstanceId=i-01",
                "Instances.member.2.InstanceId=i-02",
                "Instances.member.3.InstanceId=i-03",
                "Instances.member.4.InstanceId=i-04");
            Assert.Equal(
                [
                    new InstanceHealth("i-01", BackendHealth.Healthy, "InService", null),
                    new InstanceHealth("i-02", BackendHealth.Registering, "OutOfService", "ELB: Instance registration is still in progress."),
                    new InstanceHealth("i-03", BackendHealth.Unhealthy, "OutOfService", "Instance: Instance has failed at least the UnhealthyThreshold number of health checks consecutively."),
                    new InstanceHealth("i-04", BackendHealth.Registering, "Unknown", "ELB: A transient error occurred. Please try again later."),
                ],
                health);
        }

        [Fact]
        public async Task Should_Report_An_Instance_The_Classic_Load_Balancer_Does_Not_Know_As_Not_Registered()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeInstanceHealth",
                new FakeResponse(400, AwsXml.Error("InvalidInstance", "Could not find EC2 instance i-09.")),
                new FakeResponse(200, AwsXml.Elb("DescribeInstanceHealth", "<InstanceStates>" + State("i-01", "InService", "N/A", "N/A") + "</InstanceStates>")));
            using var aws = Connect(server);

            // When
            var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.Classic("web-elb"), ["i-01", "i-09"]);

            // Then
            Assert.Equal([BackendHealth.Healthy, BackendHealth.NotRegistered], health.Select(h => h.Health));
            Assert.Equal("i-09", health[1].InstanceId);
            Assert.Equal(2, server.Requests.Count);
            AssertElb(server.Requests[1], "DescribeInstanceHealth", "LoadBalancerName=web-elb");
        }

        [Fact]
        public async Task Should_Fail_When_The_Classic_Load_Balancer_Does_Not_Exist()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeInstanceHealth", new FakeResponse(400, AwsXml.Error("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named 'web-elb'")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.Classic("web-elb"), ["i-01"]));

            // Then
            Assert.Equal(("DescribeInstanceHealth", "load balancer 'web-elb'", "LoadBalancerNotFound"), (error.Operation, error.Resource, error.ErrorCode));
        }

        [Fact]
        public async Task Should_Map_Target_Group_States()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeTargetHealth", AwsXml.ElbV2("DescribeTargetHealth", "<TargetHealthDescriptions>"
                + Target("i-01", "healthy")
                + Target("i-02", "initial", "Elb.RegistrationInProgress", "Target registration is in progress")
                + Target("i-03", "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]")
                + Target("i-04", "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress")
                + Target("i-05", "unused", "Target.NotRegistered", "Target is not registered to the target group")
                + Target("i-06", "unavailable", "Elb.InternalError", "Health checks failed due to an internal error")
                + "</TargetHealthDescriptions>"));
            using var aws = Connect(server);

            // When
            var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.TargetGroup(TargetGroupArn), ["i-01", "i-02", "i-03", "i-04", "i-05", "i-06"]);

            // Then
            AssertElbV2(
                server.Requests.Single(),
                "DescribeTargetHealth",
                $"TargetGroupArn={TargetGroupArn}",
                "Targets.member.1.Id=i-01",
                "Targets.member.2.Id=i-02",
                "Targets.member.3.Id=i-03",
                "Targets.member.4.Id=i-04",
                "Targets.member.5.Id=i-05",
                "Targets.member.6.Id=i-06");
            Assert.Equal(
                [BackendHealth.Healthy, BackendHealth.Registering, BackendHealth.Unhealthy, BackendHealth.Draining, BackendHealth.NotRegistered, BackendHealth.Unknown],
                health.Select(h => h.Health));
            Assert.Equal(new InstanceHealth("i-03", BackendHealth.Unhealthy, "unhealthy", "Target.ResponseCodeMismatch: Health checks failed with these codes: [502]"), health[2]);
            Assert.Null(health[0].Reason);
        }

        [Fact]
        public async Task Should_Ask_For_Every_Target_When_Given_No_Ids()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeTargetHealth", AwsXml.ElbV2("DescribeTargetHealth", "<TargetHealthDescriptions>" + Target("i-01", "healthy") + "</TargetHealthDescriptions>"));
            using var aws = Connect(server);

            // When
            var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.TargetGroup(TargetGroupArn), []);

            // Then
            AssertElbV2(server.Requests.Single(), "DescribeTargetHealth", $"TargetGroupArn={TargetGroupArn}");
            Assert.Equal("i-01", health.Single().InstanceId);
        }
    }

    public class TheRegisterAsyncMethod
    {
        [Fact]
        public async Task Should_Register_With_A_Classic_Load_Balancer()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RegisterInstancesWithLoadBalancer", AwsXml.Elb("RegisterInstancesWithLoadBalancer", "<Instances><member><InstanceId>i-01</InstanceId></member><member><InstanceId>i-02</InstanceId></member></Instances>"));
            using var aws = Connect(server);

            // When
            await aws.LoadBalancing.RegisterAsync(LoadBalancerRef.Classic("web-elb"), ["i-01", "i-02"]);

            // Then
            AssertElb(server.Requests.Single(), "RegisterInstancesWithLoadBalancer", "LoadBalancerName=web-elb", "Instances.member.1.InstanceId=i-01", "Instances.member.2.InstanceId=i-02");
        }

        [Fact]
        public async Task Should_Register_With_A_Target_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RegisterTargets", AwsXml.ElbV2("RegisterTargets"));
            using var aws = Connect(server);

            // When
            await aws.LoadBalancing.RegisterAsync(LoadBalancerRef.TargetGroup(TargetGroupArn), ["i-01"]);

            // Then
            AssertElbV2(server.Requests.Single(), "RegisterTargets", $"TargetGroupArn={TargetGroupArn}", "Targets.member.1.Id=i-01");
        }

        [Fact]
        public async Task Should_Name_The_Target_Group_When_It_Is_Missing()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("RegisterTargets", new FakeResponse(400, AwsXml.Error("TargetGroupNotFound", "One or more target groups not found")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.LoadBalancing.RegisterAsync(LoadBalancerRef.TargetGroup(TargetGroupArn), ["i-01"]));

            // Then
            Assert.StartsWith($"Target group '{TargetGroupArn}' not found in eu-west-1 (TargetGroupNotFound)", error.Message);
        }
    }

    public class TheDeregisterAsyncMethod
    {
        [Fact]
        public async Task Should_Deregister_From_A_Classic_Load_Balancer()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeregisterInstancesFromLoadBalancer", AwsXml.Elb("DeregisterInstancesFromLoadBalancer", "<Instances/>"));
            using var aws = Connect(server);

            // When
            await aws.LoadBalancing.DeregisterAsync(LoadBalancerRef.Classic("web-elb"), ["i-01"]);

            // Then
            AssertElb(server.Requests.Single(), "DeregisterInstancesFromLoadBalancer", "LoadBalancerName=web-elb", "Instances.member.1.InstanceId=i-01");
        }

        [Fact]
        public async Task Should_Deregister_From_A_Target_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeregisterTargets", AwsXml.ElbV2("DeregisterTargets"));
            using var aws = Connect(server);

            // When
            await aws.LoadBalancing.DeregisterAsync(LoadBalancerRef.TargetGroup(TargetGroupArn), ["i-01", "i-02"]);

            // Then
            AssertElbV2(server.Requests.Single(), "DeregisterTargets", $"TargetGroupArn={TargetGroupArn}", "Targets.member.1.Id=i-01", "Targets.member.2.Id=i-02");
        }
    }

    public class TheResolveTargetGroupAsyncMethod
    {
        [Fact]
        public async Task Should_Look_Up_A_Name()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeTargetGroups", AwsXml.ElbV2("DescribeTargetGroups", $"""
                <TargetGroups><member><TargetGroupArn>{TargetGroupArn}</TargetGroupArn><TargetGroupName>web-tg</TargetGroupName><Protocol>HTTP</Protocol><Port>80</Port><VpcId>vpc-1</VpcId><HealthCheckProtocol>HTTP</HealthCheckProtocol><HealthCheckPort>traffic-port</HealthCheckPort><HealthCheckEnabled>true</HealthCheckEnabled><HealthCheckIntervalSeconds>30</HealthCheckIntervalSeconds><HealthCheckTimeoutSeconds>5</HealthCheckTimeoutSeconds><HealthyThresholdCount>5</HealthyThresholdCount><UnhealthyThresholdCount>2</UnhealthyThresholdCount><HealthCheckPath>/</HealthCheckPath><Matcher><HttpCode>200</HttpCode></Matcher><LoadBalancerArns><member>arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188</member></LoadBalancerArns><TargetType>instance</TargetType><ProtocolVersion>HTTP1</ProtocolVersion><IpAddressType>ipv4</IpAddressType></member></TargetGroups>
                """));
            using var aws = Connect(server);

            // When
            var reference = await aws.LoadBalancing.ResolveTargetGroupAsync("web-tg");

            // Then
            AssertElbV2(server.Requests.Single(), "DescribeTargetGroups", "Names.member.1=web-tg");
            Assert.Equal(LoadBalancerRef.TargetGroup(TargetGroupArn), reference);
        }

        [Fact]
        public async Task Should_Take_An_Arn_As_Is()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            using var aws = Connect(server);

            // When
            var reference = await aws.LoadBalancing.ResolveTargetGroupAsync(TargetGroupArn);

            // Then
            Assert.Equal(LoadBalancerRef.TargetGroup(TargetGroupArn), reference);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task Should_Name_A_Missing_Target_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeTargetGroups", new FakeResponse(400, AwsXml.Error("TargetGroupNotFound", "One or more target groups not found")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<AwsOperationException>(() => aws.LoadBalancing.ResolveTargetGroupAsync("web-tg"));

            // Then
            Assert.StartsWith("Target group 'web-tg' not found in eu-west-1 (TargetGroupNotFound)", error.Message);
        }
    }
}
