using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli copies, versions and deletes launch templates: every field comes back as sent.</summary>
public sealed class LaunchTemplateCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        cli = new AwsCli(aws.Endpoint);
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    private string FullData() => $$$"""
        {
          "ImageId": "{{{aws.BaseImageId}}}", "InstanceType": "t3.small", "KeyName": "deploy", "SecurityGroupIds": ["sg-0a1", "sg-0b2"],
          "UserData": "IyEvYmluL3NoCmVjaG8gaGVsbG8K", "IamInstanceProfile": {"Name": "web-role"}, "EbsOptimized": true,
          "BlockDeviceMappings": [
            {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3", "DeleteOnTermination": true, "Encrypted": true, "Iops": 3000, "Throughput": 125}},
            {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}, {"DeviceName": "/dev/sdc", "NoDevice": ""}
          ],
          "TagSpecifications": [
            {"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "web"}, {"Key": "app", "Value": "demo"}]},
            {"ResourceType": "volume", "Tags": [{"Key": "role", "Value": "web-disk"}]}
          ],
          "Monitoring": {"Enabled": true}, "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled"}
        }
        """;

    private async Task<JsonNode> DataAsync(string version) =>
        JsonNode.Parse((await cli.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-name", "web", "--versions", version)).GetProperty("LaunchTemplateVersions")[0].GetProperty("LaunchTemplateData").GetRawText())!;

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");

    [Fact]
    public async Task Should_Describe_Every_Field_And_Keep_The_Source_Fields_Not_Overridden()
    {
        // Given
        await cli.RunAsync("ec2", "create-launch-template", "--launch-template-name", "web", "--launch-template-data", FullData());

        // When
        var v1 = await DataAsync("1");
        await cli.RunAsync("ec2", "create-launch-template-version", "--launch-template-name", "web", "--source-version", "1", "--launch-template-data", """{"InstanceType": "t3.large", "Monitoring": {"Enabled": false}}""");
        var v2 = await DataAsync("2");
        await cli.RunAsync("ec2", "create-launch-template-version", "--launch-template-name", "web", "--launch-template-data", v1.ToJsonString());
        var copy = await DataAsync("3");
        await cli.RunAsync("ec2", "create-launch-template-version", "--launch-template-name", "web", "--launch-template-data", $$"""{"ImageId": "{{aws.BaseImageId}}", "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": true, "Groups": ["sg-0c3"], "SubnetId": "subnet-1"}]}""");
        var withInterface = await DataAsync("$Latest");
        var launched = (await cli.RunAsync("ec2", "run-instances", "--launch-template", "LaunchTemplateName=web,Version=4", "--count", "1")).GetProperty("Instances")[0];

        // Then
        AssertSameJson(JsonNode.Parse(FullData())!, v1);
        var expected = JsonNode.Parse(FullData())!;
        expected["InstanceType"] = "t3.large";
        expected["Monitoring"] = new JsonObject { ["Enabled"] = false };
        AssertSameJson(expected, v2);
        AssertSameJson(v1, copy);
        Assert.Equal("sg-0c3", withInterface["NetworkInterfaces"]![0]!["Groups"]![0]!.GetValue<string>());
        Assert.Null(withInterface["InstanceType"]);
        Assert.Equal(["sg-0c3"], launched.GetProperty("SecurityGroups").EnumerateArray().Select(g => g.GetProperty("GroupId").GetString()));
    }

    [Fact]
    public async Task Should_Delete_Versions_One_By_One_And_Fail_The_Launches_Of_A_Group_On_A_Deleted_One()
    {
        // Given
        using var api = new QueryClient(aws.Endpoint); // set-up; awscli is for the calls under test
        var templateId = (await api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", "web"), ("LaunchTemplateData.ImageId", aws.BaseImageId))).One("launchTemplateId");
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "web"), ("SourceVersion", "1"), ("LaunchTemplateData.InstanceType", "t3.small"));
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "web"), ("SourceVersion", "1"), ("LaunchTemplateData.InstanceType", "t3.large"));
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", ("AutoScalingGroupName", "web"), ("LaunchTemplate.LaunchTemplateName", "web"), ("LaunchTemplate.Version", "3"), ("MinSize", "0"), ("MaxSize", "2"), ("DesiredCapacity", "0"), ("AvailabilityZones.member.1", "us-east-1a"));

        // When
        var deleted = await cli.RunAsync("ec2", "delete-launch-template-versions", "--launch-template-id", templateId, "--versions", "1", "3", "9");
        var template = (await cli.RunAsync("ec2", "describe-launch-templates", "--launch-template-ids", templateId)).GetProperty("LaunchTemplates")[0];
        var next = (await cli.RunAsync("ec2", "create-launch-template-version", "--launch-template-name", "web", "--source-version", "2", "--launch-template-data", "{}")).GetProperty("LaunchTemplateVersion");
        var gone = await cli.TryAsync("ec2", "describe-launch-template-versions", "--launch-template-name", "web", "--versions", "3");
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        await aws.WaitUntilAsync(s => s.Activities.Any(a => a.GroupName == "web" && a.Status == "Failed"), TimeSpan.FromSeconds(10), "a failed launch");
        var activity = (await cli.RunAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "web")).GetProperty("Activities")[0];
        var whole = (await cli.RunAsync("ec2", "delete-launch-template", "--launch-template-name", "web")).GetProperty("LaunchTemplate");
        var missing = await cli.TryAsync("ec2", "describe-launch-templates", "--launch-template-names", "web");

        // Then
        var ok = Assert.Single(deleted.GetProperty("SuccessfullyDeletedLaunchTemplateVersions").EnumerateArray());
        Assert.Equal((templateId, "web", 3L), (ok.GetProperty("LaunchTemplateId").GetString(), ok.GetProperty("LaunchTemplateName").GetString(), ok.GetProperty("VersionNumber").GetInt64()));
        var failed = deleted.GetProperty("UnsuccessfullyDeletedLaunchTemplateVersions").EnumerateArray().ToDictionary(f => f.GetProperty("VersionNumber").GetInt64(), f => f.GetProperty("ResponseError"));
        Assert.Equal([1L, 9L], failed.Keys.Order());
        Assert.Equal("unexpectedError", failed[1].GetProperty("Code").GetString());
        Assert.Contains("default version", failed[1].GetProperty("Message").GetString());
        Assert.Equal("launchTemplateVersionDoesNotExist", failed[9].GetProperty("Code").GetString());
        Assert.Equal((1L, 2L), (template.GetProperty("DefaultVersionNumber").GetInt64(), template.GetProperty("LatestVersionNumber").GetInt64()));
        Assert.Equal(4, next.GetProperty("VersionNumber").GetInt64());
        Assert.Equal("t3.small", next.GetProperty("LaunchTemplateData").GetProperty("InstanceType").GetString());
        Assert.Contains("(InvalidLaunchTemplateId.VersionNotFound)", gone.Error);
        Assert.Equal("Failed", activity.GetProperty("StatusCode").GetString());
        Assert.Contains($"The specified launch template version 3 of template ID {templateId} does not exist.", activity.GetProperty("StatusMessage").GetString());
        Assert.Equal(templateId, whole.GetProperty("LaunchTemplateId").GetString());
        Assert.Contains("(InvalidLaunchTemplateName.NotFoundException)", missing.Error);
    }
}
