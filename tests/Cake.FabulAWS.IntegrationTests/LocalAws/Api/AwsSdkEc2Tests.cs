using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>The AWS SDK for .NET (AWSSDK.EC2, which the add-in's adapters use) accepts LocalAws's answers and errors.</summary>
public sealed class AwsSdkEc2Tests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AmazonEC2Client ec2 = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDLOCALAWS", "not-a-secret"), new AmazonEC2Config { ServiceURL = aws.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
    }

    public async Task DisposeAsync()
    {
        ec2.Dispose();
        await aws.DisposeAsync();
    }

    [Fact]
    public async Task Should_Run_Tag_And_Find_Instances_Through_The_Sdk()
    {
        // Given
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = aws.BaseImageId, InstanceType = InstanceType.T3Micro, MinCount = 2, MaxCount = 2,
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag("role", "web")] }],
        });
        var ids = run.Reservation.Instances.Select(i => i.InstanceId).ToList();
        await aws.WaitUntilAsync(s => ids.All(id => s.Instances[id].State == "running"), TimeSpan.FromSeconds(10), "running");

        // When
        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Filter("tag:role", ["web"]), new Filter("instance-state-name", ["running"])],
            MaxResults = 5,
        });

        // Then
        var instances = found.Reservations.SelectMany(r => r.Instances).ToList();
        Assert.Equal(ids.Order(), instances.Select(i => i.InstanceId).Order());
        Assert.All(instances, i => Assert.Equal(InstanceStateName.Running, i.State.Name));
        Assert.All(instances, i => Assert.Equal(i.PrivateIpAddress, i.PublicIpAddress));
        Assert.All(instances, i => Assert.Contains(i.Tags, t => t.Key == "role" && t.Value == "web"));
    }

    [Fact]
    public async Task Should_Surface_Ec2_Error_Codes_Through_The_Sdk()
    {
        // When
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-00000000000000bad"] }));

        // Then
        Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Should_Version_Launch_Templates_Through_The_Sdk()
    {
        // Given
        var created = await ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = "web",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = aws.BaseImageId, InstanceType = InstanceType.T3Micro },
        });

        // When
        var version = await ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateId = created.LaunchTemplate.LaunchTemplateId, SourceVersion = "1",
            LaunchTemplateData = new RequestLaunchTemplateData { InstanceType = InstanceType.T3Large },
        });
        await ec2.ModifyLaunchTemplateAsync(new ModifyLaunchTemplateRequest { LaunchTemplateName = "web", DefaultVersion = "2" });
        var versions = await ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "web", Versions = ["$Default"] });

        // Then
        Assert.Equal(2, version.LaunchTemplateVersion.VersionNumber);
        var current = Assert.Single(versions.LaunchTemplateVersions);
        Assert.True(current.DefaultVersion);
        Assert.Equal(InstanceType.T3Large, current.LaunchTemplateData.InstanceType);
        Assert.Equal(aws.BaseImageId, current.LaunchTemplateData.ImageId);
    }
}
