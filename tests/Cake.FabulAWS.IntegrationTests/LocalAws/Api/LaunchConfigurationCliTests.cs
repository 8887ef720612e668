using System.Text;
using System.Text.Json.Nodes;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli creates launch configurations with every field a deploy copies, and gets each of them back.</summary>
public sealed class LaunchConfigurationCliTests : IAsyncLifetime
{
    private const string BlockDevices = """
        [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-0123", "VolumeSize": 20, "VolumeType": "gp3", "DeleteOnTermination": true, "Iops": 3000, "Throughput": 125, "Encrypted": true}},
         {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}, {"DeviceName": "/dev/sdc", "NoDevice": true}]
        """;

    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        cli = new AwsCli(aws.Endpoint);
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    private async Task<JsonObject> DescribeAsync(string name) =>
        JsonNode.Parse((await cli.RunAsync("autoscaling", "describe-launch-configurations", "--launch-configuration-names", name)).GetProperty("LaunchConfigurations")[0].GetRawText())!.AsObject();

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");

    [Fact]
    public async Task Should_Describe_Every_Field_It_Was_Created_With()
    {
        // Given
        await cli.RunAsync(
            "autoscaling", "create-launch-configuration", "--launch-configuration-name", "web-full", "--image-id", aws.BaseImageId, "--instance-type", "t3.small",
            "--key-name", "deploy", "--security-groups", "sg-0a1", "sg-0b2", "--classic-link-vpc-id", "vpc-0c1", "--classic-link-vpc-security-groups", "sg-0c1",
            "--user-data", "#!/bin/sh\necho hello\n", "--iam-instance-profile", "web-role", "--block-device-mappings", BlockDevices, "--instance-monitoring", "Enabled=false",
            "--spot-price", "0.05", "--ebs-optimized", "--associate-public-ip-address", "--placement-tenancy", "dedicated",
            "--metadata-options", "HttpTokens=required,HttpPutResponseHopLimit=2,HttpEndpoint=enabled", "--kernel-id", "aki-0123", "--ramdisk-id", "ari-0123");

        // When
        var described = await DescribeAsync("web-full");

        // Then
        Assert.StartsWith("arn:aws:autoscaling:us-east-1:", described["LaunchConfigurationARN"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(described["CreatedTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(1));
        described.Remove("LaunchConfigurationARN");
        described.Remove("CreatedTime");
        AssertSameJson(
            new JsonObject
            {
                ["LaunchConfigurationName"] = "web-full", ["ImageId"] = aws.BaseImageId, ["InstanceType"] = "t3.small", ["KeyName"] = "deploy",
                ["SecurityGroups"] = new JsonArray("sg-0a1", "sg-0b2"), ["ClassicLinkVPCId"] = "vpc-0c1", ["ClassicLinkVPCSecurityGroups"] = new JsonArray("sg-0c1"),
                ["UserData"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\necho hello\n")), ["IamInstanceProfile"] = "web-role",
                ["BlockDeviceMappings"] = JsonNode.Parse(BlockDevices), ["InstanceMonitoring"] = new JsonObject { ["Enabled"] = false },
                ["SpotPrice"] = "0.05", ["EbsOptimized"] = true, ["AssociatePublicIpAddress"] = true, ["PlacementTenancy"] = "dedicated",
                ["MetadataOptions"] = new JsonObject { ["HttpTokens"] = "required", ["HttpPutResponseHopLimit"] = 2, ["HttpEndpoint"] = "enabled" },
                ["KernelId"] = "aki-0123", ["RamdiskId"] = "ari-0123",
            },
            described);
    }

    [Fact]
    public async Task Should_Give_Aws_Defaults_And_Launch_Group_Instances_With_Its_Image_Type_Key_Groups_And_User_Data()
    {
        // Given
        await cli.RunAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", "web", "--image-id", aws.BaseImageId, "--instance-type", "t3.small", "--key-name", "deploy", "--security-groups", "sg-0a1", "--user-data", "echo hi");
        await cli.RunAsync("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "web", "--launch-configuration-name", "web", "--min-size", "0", "--max-size", "1", "--desired-capacity", "1", "--availability-zones", "us-east-1a");

        // When
        var described = await DescribeAsync("web");
        await Deployments.WaitInServiceAsync(aws, "web", 1);
        var id = Deployments.Members(aws, "web")[0];
        var instance = (await cli.RunAsync("ec2", "describe-instances", "--instance-ids", id)).GetProperty("Reservations")[0].GetProperty("Instances")[0];
        var missingImage = await cli.TryAsync("autoscaling", "create-launch-configuration", "--launch-configuration-name", "bad", "--image-id", "ami-00000000000000bad", "--instance-type", "t3.small");

        // Then
        Assert.True(described["InstanceMonitoring"]!["Enabled"]!.GetValue<bool>(), "AWS enables detailed monitoring unless told otherwise");
        Assert.False(described["EbsOptimized"]!.GetValue<bool>());
        Assert.Empty(described["BlockDeviceMappings"]!.AsArray());
        Assert.Equal((aws.BaseImageId, "t3.small", "deploy"), (instance.GetProperty("ImageId").GetString(), instance.GetProperty("InstanceType").GetString(), instance.GetProperty("KeyName").GetString()));
        Assert.Equal(["sg-0a1"], instance.GetProperty("SecurityGroups").EnumerateArray().Select(g => g.GetProperty("GroupId").GetString()));
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("echo hi")), aws.Inspect(s => s.Instances[id].UserData));
        Assert.Equal("web", aws.Inspect(s => s.Groups["web"].Members[0].LaunchConfigurationName));
        Assert.Contains("(ValidationError)", missingImage.Error);
    }
}
