using System.Text.Json;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli drives every EC2 operation LocalAws implements.</summary>
public sealed class Ec2CliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        cli = new AwsCli(aws.Endpoint);
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    private static IEnumerable<JsonElement> Instances(JsonElement described) =>
        described.GetProperty("Reservations").EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray());

    [Fact]
    public async Task Should_Run_Describe_Filter_Page_And_Terminate_Instances()
    {
        // Given
        var run = await cli.RunAsync("ec2", "run-instances", "--image-id", aws.BaseImageId, "--instance-type", "t3.micro", "--count", "3", "--tag-specifications", "ResourceType=instance,Tags=[{Key=role,Value=web}]");
        var ids = run.GetProperty("Instances").EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!).ToArray();
        await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(10), "running");

        // When
        await cli.RunAsync("ec2", "create-tags", "--resources", ids[0], ids[2], "--tags", "Key=stage,Value=blue");
        await cli.RunAsync("ec2", "delete-tags", "--resources", ids[2], "--tags", "Key=stage");
        var paged = await cli.RunAsync("ec2", "describe-instances", "--page-size", "5", "--max-items", "100");
        var tagged = await cli.RunAsync("ec2", "describe-instances", "--filters", "Name=tag:role,Values=web", "Name=tag:stage,Values=blue", "Name=instance-state-name,Values=running");
        var terminated = await cli.RunAsync("ec2", "terminate-instances", "--instance-ids", ids[1]);
        var stillRunning = await cli.RunAsync("ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running,pending");
        var missing = await cli.TryAsync("ec2", "describe-instances", "--instance-ids", "i-00000000000000bad");

        // Then
        var first = Instances(tagged).Single();
        Assert.Equal(ids[0], first.GetProperty("InstanceId").GetString());
        Assert.Equal(first.GetProperty("PrivateIpAddress").GetString(), first.GetProperty("PublicIpAddress").GetString());
        Assert.StartsWith("127.", first.GetProperty("PrivateIpAddress").GetString());
        Assert.Equal(3, Instances(paged).Count());
        Assert.Equal("shutting-down", terminated.GetProperty("TerminatingInstances")[0].GetProperty("CurrentState").GetProperty("Name").GetString());
        Assert.Equal("running", terminated.GetProperty("TerminatingInstances")[0].GetProperty("PreviousState").GetProperty("Name").GetString());
        Assert.DoesNotContain(ids[1], Instances(stillRunning).Select(i => i.GetProperty("InstanceId").GetString()));
        Assert.Contains("(InvalidInstanceID.NotFound)", missing.Error);
    }

    [Fact]
    public async Task Should_Page_Instances_With_Tokens()
    {
        // Given
        await cli.RunAsync("ec2", "run-instances", "--image-id", aws.BaseImageId, "--count", "7");

        // When
        var all = await cli.RunAsync("ec2", "describe-instances", "--page-size", "5");
        var calls = aws.Metrics.Count("DescribeInstances");

        // Then
        Assert.Equal(7, Instances(all).Count());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Should_Create_Describe_And_Deregister_Images()
    {
        // Given
        var builder = (await cli.RunAsync("ec2", "run-instances", "--image-id", aws.BaseImageId, "--count", "1")).GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;

        // When
        var imageId = (await cli.RunAsync("ec2", "create-image", "--instance-id", builder, "--name", "app-v1", "--tag-specifications", "ResourceType=image,Tags=[{Key=version,Value=1}]")).GetProperty("ImageId").GetString()!;
        await aws.WaitUntilAsync(s => s.Images[imageId].State == "available", TimeSpan.FromSeconds(10), "image available");
        var byName = await cli.RunAsync("ec2", "describe-images", "--owners", "self", "--filters", "Name=name,Values=app-*", "Name=tag:version,Values=1");
        var duplicate = await cli.TryAsync("ec2", "create-image", "--instance-id", builder, "--name", "app-v1");
        await cli.RunAsync("ec2", "deregister-image", "--image-id", imageId);
        var gone = await cli.TryAsync("ec2", "describe-images", "--image-ids", imageId);

        // Then
        var image = Assert.Single(byName.GetProperty("Images").EnumerateArray());
        Assert.Equal("available", image.GetProperty("State").GetString());
        Assert.Contains("(InvalidAMIName.Duplicate)", duplicate.Error);
        Assert.Contains("(InvalidAMIID.NotFound)", gone.Error);
    }

    [Fact]
    public async Task Should_Version_Launch_Templates_And_Launch_From_Them()
    {
        // Given
        var created = (await cli.RunAsync("ec2", "create-launch-template", "--launch-template-name", "web", "--version-description", "first", "--launch-template-data", $$"""{"ImageId":"{{aws.BaseImageId}}","InstanceType":"t3.micro","TagSpecifications":[{"ResourceType":"instance","Tags":[{"Key":"app","Value":"web"}]}]}""")).GetProperty("LaunchTemplate");
        var templateId = created.GetProperty("LaunchTemplateId").GetString()!;

        // When
        var v2 = (await cli.RunAsync("ec2", "create-launch-template-version", "--launch-template-id", templateId, "--source-version", "1", "--launch-template-data", """{"InstanceType":"t3.large"}""")).GetProperty("LaunchTemplateVersion");
        var modified = (await cli.RunAsync("ec2", "modify-launch-template", "--launch-template-name", "web", "--default-version", "2")).GetProperty("LaunchTemplate");
        var templates = await cli.RunAsync("ec2", "describe-launch-templates", "--launch-template-names", "web");
        var versions = await cli.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-id", templateId, "--page-size", "1");
        var defaults = await cli.RunAsync("ec2", "describe-launch-template-versions", "--launch-template-name", "web", "--versions", "$Default");
        var launched = (await cli.RunAsync("ec2", "run-instances", "--launch-template", "LaunchTemplateName=web", "--count", "1")).GetProperty("Instances")[0];
        var badVersion = await cli.TryAsync("ec2", "modify-launch-template", "--launch-template-name", "web", "--default-version", "9");
        var duplicate = await cli.TryAsync("ec2", "create-launch-template", "--launch-template-name", "web", "--launch-template-data", "{}");

        // Then
        Assert.Equal(2, v2.GetProperty("VersionNumber").GetInt64());
        Assert.Equal(aws.BaseImageId, v2.GetProperty("LaunchTemplateData").GetProperty("ImageId").GetString());
        Assert.Equal(2, modified.GetProperty("DefaultVersionNumber").GetInt64());
        Assert.Equal(2, templates.GetProperty("LaunchTemplates")[0].GetProperty("LatestVersionNumber").GetInt64());
        Assert.Equal([2L, 1L], versions.GetProperty("LaunchTemplateVersions").EnumerateArray().Select(v => v.GetProperty("VersionNumber").GetInt64()));
        Assert.True(defaults.GetProperty("LaunchTemplateVersions")[0].GetProperty("DefaultVersion").GetBoolean());
        Assert.Equal("t3.large", launched.GetProperty("InstanceType").GetString());
        Assert.Contains(launched.GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Key").GetString() == "app");
        Assert.Contains("(InvalidLaunchTemplateId.VersionNotFound)", badVersion.Error);
        Assert.Contains("(InvalidLaunchTemplateName.AlreadyExistsException)", duplicate.Error);
    }

    [Fact]
    public async Task Should_Describe_Regions_And_Zones_And_Refuse_Unknown_Operations()
    {
        // When
        var regions = await cli.RunAsync("ec2", "describe-regions");
        var zones = await cli.RunAsync("ec2", "describe-availability-zones");
        var unknown = await cli.TryAsync("ec2", "describe-vpcs");
        var badFilter = await cli.TryAsync("ec2", "describe-instances", "--filters", "Name=vpc-id,Values=x");

        // Then
        Assert.Equal("us-east-1", regions.GetProperty("Regions")[0].GetProperty("RegionName").GetString());
        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c"], zones.GetProperty("AvailabilityZones").EnumerateArray().Select(z => z.GetProperty("ZoneName").GetString()));
        Assert.Contains("(InvalidAction)", unknown.Error);
        Assert.Contains("LocalAws does not implement DescribeVpcs", unknown.Error);
        Assert.Contains("(InvalidParameterValue)", badFilter.Error);
    }
}
