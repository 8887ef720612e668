using Cake.FabulAWS.Ports;
using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class LaunchConfigurationsAdapterTests
{
    /// <summary>A launch configuration with every field set, as the legacy mode copies it.</summary>
    internal static readonly LaunchConfiguration Full = new("web-lc-8", "ami-0123", "t3.small")
    {
        CreatedTime = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
        KeyName = "deploy",
        SecurityGroups = ["sg-1", "sg-2"],
        UserDataBase64 = "IyEvYmluL3NoCmVjaG8gaGkK",
        IamInstanceProfile = "web-role",
        BlockDevices =
        [
            new BlockDevice("/dev/sda1", null, null, new EbsVolume(null, 30, "gp3", true, 3000, 125, true)),
            new BlockDevice("/dev/sdb", "ephemeral0", null, null),
            new BlockDevice("/dev/sdc", null, true, null),
        ],
        InstanceMonitoring = true,
        SpotPrice = "0.05",
        EbsOptimized = true,
        AssociatePublicIpAddress = false,
        PlacementTenancy = "default",
        MetadataOptions = new MetadataOptions("required", 2, "enabled"),
        KernelId = "aki-1",
        RamdiskId = "ari-1",
        ClassicLinkVpcId = "vpc-1",
        ClassicLinkVpcSecurityGroups = ["sg-9"],
    };

    public class TheCreateAsyncMethod
    {
        [Fact]
        public async Task Should_Send_Every_Field()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchConfiguration", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "CreateLaunchConfiguration"));
            using var aws = Connect(server);

            // When
            await aws.LaunchConfigurations.CreateAsync(Full);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "CreateLaunchConfiguration",
                "LaunchConfigurationName=web-lc-8",
                "ImageId=ami-0123",
                "KeyName=deploy",
                "SecurityGroups.member.1=sg-1",
                "SecurityGroups.member.2=sg-2",
                "ClassicLinkVPCId=vpc-1",
                "ClassicLinkVPCSecurityGroups.member.1=sg-9",
                "UserData=IyEvYmluL3NoCmVjaG8gaGkK",
                "InstanceType=t3.small",
                "KernelId=aki-1",
                "RamdiskId=ari-1",
                "BlockDeviceMappings.member.1.DeviceName=/dev/sda1",
                "BlockDeviceMappings.member.1.Ebs.VolumeSize=30",
                "BlockDeviceMappings.member.1.Ebs.VolumeType=gp3",
                "BlockDeviceMappings.member.1.Ebs.DeleteOnTermination=true",
                "BlockDeviceMappings.member.1.Ebs.Iops=3000",
                "BlockDeviceMappings.member.1.Ebs.Encrypted=true",
                "BlockDeviceMappings.member.1.Ebs.Throughput=125",
                "BlockDeviceMappings.member.2.DeviceName=/dev/sdb",
                "BlockDeviceMappings.member.2.VirtualName=ephemeral0",
                "BlockDeviceMappings.member.3.DeviceName=/dev/sdc",
                "BlockDeviceMappings.member.3.NoDevice=true",
                "InstanceMonitoring.Enabled=true",
                "SpotPrice=0.05",
                "IamInstanceProfile=web-role",
                "EbsOptimized=true",
                "AssociatePublicIpAddress=false",
                "PlacementTenancy=default",
                "MetadataOptions.HttpTokens=required",
                "MetadataOptions.HttpPutResponseHopLimit=2",
                "MetadataOptions.HttpEndpoint=enabled");
        }

        [Fact]
        public async Task Should_Report_That_The_Name_Exists()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("CreateLaunchConfiguration", new FakeResponse(400, AwsXml.Error("AlreadyExists", "Launch Configuration by this name already exists - A launch configuration already exists with the name web-lc-8")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.LaunchConfigurations.CreateAsync(new LaunchConfiguration("web-lc-8", "ami-0123", "t3.small")));

            // Then
            Assert.Equal(("CreateLaunchConfiguration", "AlreadyExists"), (error.Operation, error.ErrorCode));
            Assert.Contains("launch configuration 'web-lc-8' in eu-west-1 (AlreadyExists)", error.Message);
        }
    }

    public class TheFindAsyncMethod
    {
        [Fact]
        public async Task Should_Read_Every_Field()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", """
                <LaunchConfigurations><member><LaunchConfigurationName>web-lc-8</LaunchConfigurationName><LaunchConfigurationARN>arn:aws:autoscaling:eu-west-1:123456789012:launchConfiguration:9d1:launchConfigurationName/web-lc-8</LaunchConfigurationARN>
                <ImageId>ami-0123</ImageId><KeyName>deploy</KeyName><SecurityGroups><member>sg-1</member><member>sg-2</member></SecurityGroups><ClassicLinkVPCId>vpc-1</ClassicLinkVPCId><ClassicLinkVPCSecurityGroups><member>sg-9</member></ClassicLinkVPCSecurityGroups>
                <UserData>IyEvYmluL3NoCmVjaG8gaGkK</UserData><InstanceType>t3.small</InstanceType><KernelId>aki-1</KernelId><RamdiskId>ari-1</RamdiskId>
                <BlockDeviceMappings><member><DeviceName>/dev/sda1</DeviceName><Ebs><VolumeSize>30</VolumeSize><VolumeType>gp3</VolumeType><DeleteOnTermination>true</DeleteOnTermination><Iops>3000</Iops><Encrypted>true</Encrypted><Throughput>125</Throughput></Ebs></member>
                <member><VirtualName>ephemeral0</VirtualName><DeviceName>/dev/sdb</DeviceName></member><member><DeviceName>/dev/sdc</DeviceName><NoDevice>true</NoDevice></member></BlockDeviceMappings>
                <InstanceMonitoring><Enabled>true</Enabled></InstanceMonitoring><SpotPrice>0.05</SpotPrice><IamInstanceProfile>web-role</IamInstanceProfile><CreatedTime>2026-11-20T12:00:00.000Z</CreatedTime>
                <EbsOptimized>true</EbsOptimized><AssociatePublicIpAddress>false</AssociatePublicIpAddress><PlacementTenancy>default</PlacementTenancy>
                <MetadataOptions><HttpTokens>required</HttpTokens><HttpPutResponseHopLimit>2</HttpPutResponseHopLimit><HttpEndpoint>enabled</HttpEndpoint></MetadataOptions></member></LaunchConfigurations>
                """));
            using var aws = Connect(server);

            // When
            var configuration = await aws.LaunchConfigurations.FindAsync("web-lc-8");

            // Then
            AssertAutoScaling(server.Requests.Single(), "DescribeLaunchConfigurations", "LaunchConfigurationNames.member.1=web-lc-8");
            Assert.Equivalent(Full, configuration, strict: true);
        }

        [Fact]
        public async Task Should_Read_Fields_AWS_Leaves_Empty_As_Not_Set()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", """
                <LaunchConfigurations><member><LaunchConfigurationName>web-lc-8</LaunchConfigurationName><ImageId>ami-0123</ImageId><KeyName/><SecurityGroups/><ClassicLinkVPCSecurityGroups/><UserData/><InstanceType>t3.small</InstanceType><KernelId/><RamdiskId/><BlockDeviceMappings/><InstanceMonitoring><Enabled>false</Enabled></InstanceMonitoring><CreatedTime>2026-11-20T12:00:00.000Z</CreatedTime><EbsOptimized>false</EbsOptimized></member></LaunchConfigurations>
                """));
            using var aws = Connect(server);

            // When
            var configuration = await aws.LaunchConfigurations.FindAsync("web-lc-8");

            // Then
            Assert.Equivalent(
                new LaunchConfiguration("web-lc-8", "ami-0123", "t3.small") { CreatedTime = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), InstanceMonitoring = false, EbsOptimized = false },
                configuration,
                strict: true);
        }

        [Fact]
        public async Task Should_Return_Null_When_It_Does_Not_Exist()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", "<LaunchConfigurations/>"));
            using var aws = Connect(server);

            // When
            var configuration = await aws.LaunchConfigurations.FindAsync("web-lc-0");

            // Then
            Assert.Null(configuration);
        }
    }

    public class TheListAsyncMethod
    {
        [Fact]
        public async Task Should_Follow_Every_Page()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", "<LaunchConfigurations><member><LaunchConfigurationName>a</LaunchConfigurationName><ImageId>ami-1</ImageId><InstanceType>t3.small</InstanceType></member></LaunchConfigurations><NextToken>more</NextToken>"));
            server.On("DescribeLaunchConfigurations", AwsXml.AutoScaling("DescribeLaunchConfigurations", "<LaunchConfigurations><member><LaunchConfigurationName>b</LaunchConfigurationName><ImageId>ami-2</ImageId><InstanceType>t3.small</InstanceType></member></LaunchConfigurations>"));
            using var aws = Connect(server);

            // When
            var all = await aws.LaunchConfigurations.ListAsync();

            // Then
            Assert.Equal(["a", "b"], all.Select(c => c.Name));
            AssertAutoScaling(server.Requests[1], "DescribeLaunchConfigurations", "MaxRecords=100", "NextToken=more");
        }
    }

    public class TheDeleteAsyncMethod
    {
        [Fact]
        public async Task Should_Send_The_Name()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchConfiguration", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "DeleteLaunchConfiguration"));
            using var aws = Connect(server);

            // When
            await aws.LaunchConfigurations.DeleteAsync("web-lc-7");

            // Then
            AssertAutoScaling(server.Requests.Single(), "DeleteLaunchConfiguration", "LaunchConfigurationName=web-lc-7");
        }

        [Fact]
        public async Task Should_Report_A_Configuration_In_Use()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("DeleteLaunchConfiguration", new FakeResponse(400, AwsXml.Error("ResourceInUse", "Cannot delete launch configuration web-lc-7 because it is attached to AutoScalingGroup web-prod")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.LaunchConfigurations.DeleteAsync("web-lc-7"));

            // Then
            Assert.Equal(
                "DeleteLaunchConfiguration failed for launch configuration 'web-lc-7' in eu-west-1 (ResourceInUse): Cannot delete launch configuration web-lc-7 because it is attached to AutoScalingGroup web-prod.",
                error.Message);
        }
    }
}
