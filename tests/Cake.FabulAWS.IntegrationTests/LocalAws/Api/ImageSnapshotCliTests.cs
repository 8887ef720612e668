using System.Text.Json;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Api;

/// <summary>awscli bakes an image: its root device becomes an EBS snapshot that outlives the image, as in EC2.</summary>
public sealed class ImageSnapshotCliTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private AwsCli cli = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        cli = new AwsCli(aws.Endpoint);
    }

    public async Task DisposeAsync() => await aws.DisposeAsync();

    private async Task<JsonElement[]> SnapshotsAsync(params string[] args) =>
        (await cli.RunAsync(["ec2", "describe-snapshots", .. args])).GetProperty("Snapshots").EnumerateArray().ToArray();

    [Fact]
    public async Task Should_Snapshot_The_Root_Volume_Describe_It_And_Keep_It_Until_No_Image_Uses_It()
    {
        // Given
        var builder = (await cli.RunAsync("ec2", "run-instances", "--image-id", aws.BaseImageId, "--count", "1", "--block-device-mappings", """[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 16, "VolumeType": "gp3"}}]""")).GetProperty("Instances")[0];
        var builderId = builder.GetProperty("InstanceId").GetString()!;
        var volumeId = builder.GetProperty("BlockDeviceMappings")[0].GetProperty("Ebs").GetProperty("VolumeId").GetString()!;

        // When
        var imageId = (await cli.RunAsync("ec2", "create-image", "--instance-id", builderId, "--name", "app-v1", "--description", "app v1", "--no-reboot",
            "--tag-specifications", "ResourceType=image,Tags=[{Key=version,Value=1}]", "ResourceType=snapshot,Tags=[{Key=version,Value=1-root}]")).GetProperty("ImageId").GetString()!;
        await aws.WaitUntilAsync(s => s.Images[imageId].State == "available", TimeSpan.FromSeconds(10), "image available");
        var image = (await cli.RunAsync("ec2", "describe-images", "--image-ids", imageId)).GetProperty("Images")[0];
        var device = image.GetProperty("BlockDeviceMappings")[0];
        var snapshotId = device.GetProperty("Ebs").GetProperty("SnapshotId").GetString()!;
        var byTag = await SnapshotsAsync("--owner-ids", "self", "--filters", "Name=tag:version,Values=1-root");
        var byId = await SnapshotsAsync("--snapshot-ids", snapshotId);
        var byDescription = await SnapshotsAsync("--filters", $"Name=description,Values=Created by CreateImage({builderId})*", $"Name=snapshot-id,Values={snapshotId}");
        var amazon = await SnapshotsAsync("--owner-ids", "amazon");
        var inUse = await cli.TryAsync("ec2", "delete-snapshot", "--snapshot-id", snapshotId);
        var unknown = await cli.TryAsync("ec2", "delete-snapshot", "--snapshot-id", "snap-00000000000000bad");
        await cli.RunAsync("ec2", "deregister-image", "--image-id", imageId);
        var afterDeregister = await SnapshotsAsync("--snapshot-ids", snapshotId);
        await cli.RunAsync("ec2", "delete-snapshot", "--snapshot-id", snapshotId);
        var deleted = await cli.TryAsync("ec2", "describe-snapshots", "--snapshot-ids", snapshotId);

        // Then
        Assert.Equal(("/dev/xvda", "ebs"), (image.GetProperty("RootDeviceName").GetString(), image.GetProperty("RootDeviceType").GetString()));
        Assert.Equal("/dev/xvda", device.GetProperty("DeviceName").GetString());
        Assert.StartsWith("snap-", snapshotId);
        Assert.Equal((16, "gp3", true), (device.GetProperty("Ebs").GetProperty("VolumeSize").GetInt32(), device.GetProperty("Ebs").GetProperty("VolumeType").GetString(), device.GetProperty("Ebs").GetProperty("DeleteOnTermination").GetBoolean()));
        Assert.Equal("1", Assert.Single(image.GetProperty("Tags").EnumerateArray()).GetProperty("Value").GetString());
        var snapshot = Assert.Single(byTag);
        Assert.Equal((snapshotId, "completed", 16, volumeId), (snapshot.GetProperty("SnapshotId").GetString(), snapshot.GetProperty("State").GetString(), snapshot.GetProperty("VolumeSize").GetInt32(), snapshot.GetProperty("VolumeId").GetString()));
        Assert.Equal($"Created by CreateImage({builderId}) for {imageId}", snapshot.GetProperty("Description").GetString());
        Assert.Equal(aws.Inspect(s => s.AccountId), snapshot.GetProperty("OwnerId").GetString());
        Assert.Equal(snapshotId, Assert.Single(byId).GetProperty("SnapshotId").GetString());
        Assert.Equal(snapshotId, Assert.Single(byDescription).GetProperty("SnapshotId").GetString());
        Assert.Empty(amazon);
        Assert.Contains("(InvalidSnapshot.InUse)", inUse.Error);
        Assert.Contains($"in use by {imageId}", inUse.Error);
        Assert.Contains("(InvalidSnapshot.NotFound)", unknown.Error);
        Assert.Single(afterDeregister);
        Assert.Contains("(InvalidSnapshot.NotFound)", deleted.Error);
    }
}
