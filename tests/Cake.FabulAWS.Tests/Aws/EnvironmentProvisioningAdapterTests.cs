using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws;

public class EnvironmentProvisioningAdapterTests
{
    public class TheCreateGroupAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Every_Setting_Of_The_Group()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateAutoScalingGroup", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "CreateAutoScalingGroup"));
            using var aws = Connect(server);
            var creation = new GroupCreation("web-staging", LaunchSource.Template("web", "$Default"), 1, 4, 2)
            {
                SubnetIds = ["subnet-0aa", "subnet-0bb"],
                LoadBalancerNames = ["web-staging-elb"],
                TargetGroupArns = ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1"],
                HealthCheckType = "ELB",
                HealthCheckGracePeriod = 300,
                TerminationPolicies = ["OldestLaunchTemplate"],
                Tags = new Dictionary<string, string> { ["environment"] = "staging" },
            };

            // When
            await aws.Provisioning.CreateGroupAsync(creation);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "CreateAutoScalingGroup",
                "AutoScalingGroupName=web-staging",
                "LaunchTemplate.LaunchTemplateName=web",
                "LaunchTemplate.Version=$Default",
                "MinSize=1",
                "MaxSize=4",
                "DesiredCapacity=2",
                "VPCZoneIdentifier=subnet-0aa,subnet-0bb",
                "LoadBalancerNames.member.1=web-staging-elb",
                "TargetGroupARNs.member.1=arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1",
                "HealthCheckType=ELB",
                "HealthCheckGracePeriod=300",
                "TerminationPolicies.member.1=OldestLaunchTemplate",
                "Tags.member.1.ResourceId=web-staging",
                "Tags.member.1.ResourceType=auto-scaling-group",
                "Tags.member.1.Key=environment",
                "Tags.member.1.Value=staging",
                "Tags.member.1.PropagateAtLaunch=true");
        }

        [Fact]
        public async Task Should_Report_A_Group_That_Exists()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateAutoScalingGroup", new FakeResponse(400, AwsXml.Error("AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name web-staging already exists")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() =>
                aws.Provisioning.CreateGroupAsync(new GroupCreation("web-staging", LaunchSource.Configuration("lc"), 1, 1, 1) { AvailabilityZones = ["eu-west-1a"] }));

            // Then
            Assert.Equal(("CreateAutoScalingGroup", "AlreadyExists"), (error.Operation, error.ErrorCode));
            AssertAutoScaling(
                server.Requests.Single(),
                "CreateAutoScalingGroup",
                "AutoScalingGroupName=web-staging",
                "LaunchConfigurationName=lc",
                "MinSize=1",
                "MaxSize=1",
                "DesiredCapacity=1",
                "AvailabilityZones.member.1=eu-west-1a");
        }
    }

    public class TheAttachLoadBalancersAsyncMethod
    {
        [Fact]
        public async Task Should_Attach_Classic_Load_Balancers_And_Target_Groups_Separately()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("AttachLoadBalancers", AwsXml.AutoScaling("AttachLoadBalancers"));
            server.On("AttachLoadBalancerTargetGroups", AwsXml.AutoScaling("AttachLoadBalancerTargetGroups"));
            using var aws = Connect(server);

            // When
            await aws.Provisioning.AttachLoadBalancersAsync("web-prod", [LoadBalancerRef.Classic("web-elb"), LoadBalancerRef.TargetGroup("arn:tg/1"), LoadBalancerRef.TargetGroup("arn:tg/2")]);

            // Then
            AssertAutoScaling(server.RequestsFor("AttachLoadBalancers").Single(), "AttachLoadBalancers", "AutoScalingGroupName=web-prod", "LoadBalancerNames.member.1=web-elb");
            AssertAutoScaling(
                server.RequestsFor("AttachLoadBalancerTargetGroups").Single(),
                "AttachLoadBalancerTargetGroups",
                "AutoScalingGroupName=web-prod",
                "TargetGroupARNs.member.1=arn:tg/1",
                "TargetGroupARNs.member.2=arn:tg/2");
            Assert.Equal(2, server.Requests.Count);
        }
    }

    public class TheCreateClassicLoadBalancerAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Listeners_Subnets_Groups_And_Tags_And_Return_The_Dns_Name()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLoadBalancer", AwsXml.Elb("CreateLoadBalancer", "<DNSName>web-staging-elb-1234567890.eu-west-1.elb.amazonaws.com</DNSName>"));
            using var aws = Connect(server);
            var creation = new ClassicLoadBalancerCreation(
                "web-staging-elb",
                [new ClassicListener("HTTP", 80, "HTTP", 80), new ClassicListener("HTTPS", 443, "HTTP", 80, "arn:aws:acm:eu-west-1:123456789012:certificate/abc")])
            {
                Subnets = ["subnet-0aa"],
                SecurityGroups = ["sg-0elb"],
                Tags = new Dictionary<string, string> { ["environment"] = "staging" },
            };

            // When
            var dnsName = await aws.Provisioning.CreateClassicLoadBalancerAsync(creation);

            // Then
            Assert.Equal("web-staging-elb-1234567890.eu-west-1.elb.amazonaws.com", dnsName);
            AssertElb(
                server.Requests.Single(),
                "CreateLoadBalancer",
                "LoadBalancerName=web-staging-elb",
                "Listeners.member.1.Protocol=HTTP",
                "Listeners.member.1.LoadBalancerPort=80",
                "Listeners.member.1.InstanceProtocol=HTTP",
                "Listeners.member.1.InstancePort=80",
                "Listeners.member.2.Protocol=HTTPS",
                "Listeners.member.2.LoadBalancerPort=443",
                "Listeners.member.2.InstanceProtocol=HTTP",
                "Listeners.member.2.InstancePort=80",
                "Listeners.member.2.SSLCertificateId=arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                "Subnets.member.1=subnet-0aa",
                "SecurityGroups.member.1=sg-0elb",
                "Tags.member.1.Key=environment",
                "Tags.member.1.Value=staging");
        }
    }

    public class TheConfigureHealthCheckAsyncMethod
    {
        [Fact]
        public async Task Should_Send_The_Health_Check()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("ConfigureHealthCheck", AwsXml.Elb("ConfigureHealthCheck", "<HealthCheck><Target>HTTP:80/healthcheck.html</Target><Interval>30</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>10</HealthyThreshold></HealthCheck>"));
            using var aws = Connect(server);

            // When
            await aws.Provisioning.ConfigureHealthCheckAsync("web-elb", new HealthCheckSettings("HTTP:80/healthcheck.html", 30, 5, 2, 10));

            // Then
            AssertElb(
                server.Requests.Single(),
                "ConfigureHealthCheck",
                "LoadBalancerName=web-elb",
                "HealthCheck.Target=HTTP:80/healthcheck.html",
                "HealthCheck.Interval=30",
                "HealthCheck.Timeout=5",
                "HealthCheck.UnhealthyThreshold=2",
                "HealthCheck.HealthyThreshold=10");
        }

        [Fact]
        public async Task Should_Name_A_Missing_Load_Balancer()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("ConfigureHealthCheck", new FakeResponse(400, AwsXml.Error("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named 'web-elb'")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() =>
                aws.Provisioning.ConfigureHealthCheckAsync("web-elb", new HealthCheckSettings("TCP:22", 30, 5, 2, 10)));

            // Then
            Assert.StartsWith("Load balancer 'web-elb' not found in eu-west-1 (LoadBalancerNotFound)", error.Message);
        }
    }

    public class TheDescribeClassicLoadBalancersAsyncMethod
    {
        private static string Description(string name) => $"""
            <member><LoadBalancerName>{name}</LoadBalancerName><DNSName>{name}-1.eu-west-1.elb.amazonaws.com</DNSName><CanonicalHostedZoneNameID>Z32O12XQLNTSW2</CanonicalHostedZoneNameID><ListenerDescriptions><member><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol><InstancePort>80</InstancePort></Listener><PolicyNames/></member></ListenerDescriptions><Policies><AppCookieStickinessPolicies/><LBCookieStickinessPolicies/><OtherPolicies/></Policies><BackendServerDescriptions/><AvailabilityZones><member>eu-west-1a</member></AvailabilityZones><Subnets><member>subnet-0aa</member></Subnets><VPCId>vpc-1</VPCId><Instances><member><InstanceId>i-01</InstanceId></member><member><InstanceId>i-02</InstanceId></member></Instances><HealthCheck><Target>HTTP:80/</Target><Interval>30</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>10</HealthyThreshold></HealthCheck><SourceSecurityGroup><OwnerAlias>123456789012</OwnerAlias><GroupName>elb</GroupName></SourceSecurityGroup><SecurityGroups><member>sg-0elb</member></SecurityGroups><CreatedTime>2020-01-01T00:00:00Z</CreatedTime><Scheme>internet-facing</Scheme></member>
            """;

        [Fact]
        public async Task Should_Follow_NextMarker_Over_Every_Page()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On(
                "DescribeLoadBalancers",
                new FakeResponse(200, AwsXml.Elb("DescribeLoadBalancers", $"<LoadBalancerDescriptions>{Description("a")}</LoadBalancerDescriptions><NextMarker>m2</NextMarker>")),
                new FakeResponse(200, AwsXml.Elb("DescribeLoadBalancers", $"<LoadBalancerDescriptions>{Description("b")}</LoadBalancerDescriptions>")));
            using var aws = Connect(server);

            // When
            var found = await aws.Provisioning.DescribeClassicLoadBalancersAsync([]);

            // Then
            AssertElb(server.Requests[0], "DescribeLoadBalancers");
            AssertElb(server.Requests[1], "DescribeLoadBalancers", "Marker=m2");
            Assert.Equal(["a", "b"], found.Select(l => l.Name));
            Assert.Equal(new HealthCheckSettings("HTTP:80/", 30, 5, 2, 10), found[0].HealthCheck);
            Assert.Equal(["i-01", "i-02"], found[0].InstanceIds);
            Assert.Equal("a-1.eu-west-1.elb.amazonaws.com", found[0].DnsName);
        }

        [Fact]
        public async Task Should_Send_Names_As_Members()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLoadBalancers", AwsXml.Elb("DescribeLoadBalancers", $"<LoadBalancerDescriptions>{Description("web-elb")}</LoadBalancerDescriptions>"));
            using var aws = Connect(server);

            // When
            var found = await aws.Provisioning.DescribeClassicLoadBalancersAsync(["web-elb"]);

            // Then
            AssertElb(server.Requests.Single(), "DescribeLoadBalancers", "LoadBalancerNames.member.1=web-elb");
            Assert.Equal("web-elb", found.Single().Name);
        }
    }
}
