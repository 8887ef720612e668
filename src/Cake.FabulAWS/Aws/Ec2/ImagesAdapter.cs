using Amazon.EC2;
using Amazon.EC2.Model;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.Ec2;

/// <summary><see cref="IImages"/> on AWSSDK.EC2.</summary>
internal sealed class ImagesAdapter(Func<IAmazonEC2> ec2, Func<string> region) : Ec2Adapter(ec2, region), IImages
{
    public Task<string> CreateAsync(string instanceId, string name, string description, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        CallAsync("CreateImage", $"image '{name}' of instance '{instanceId}'", async () =>
        {
            var request = new CreateImageRequest
            {
                InstanceId = instanceId,
                Name = name,
                Description = description,
                TagSpecifications = [.. Ec2Mapping.TagSpecifications("image", tags) ?? [], .. Ec2Mapping.TagSpecifications("snapshot", tags) ?? []],
            };
            return (await Ec2.CreateImageAsync(request, cancellationToken).ConfigureAwait(false)).ImageId;
        });

    public async Task<MachineImage?> FindAsync(string imageId, CancellationToken cancellationToken = default)
    {
        try
        {
            var images = await DescribeAsync(new DescribeImagesRequest { ImageIds = [imageId] }, $"image '{imageId}'", cancellationToken).ConfigureAwait(false);
            return images.FirstOrDefault(i => i.ImageId == imageId);
        }
        catch (AwsOperationException e) when (e.ErrorCode is "InvalidAMIID.NotFound" or "InvalidAMIID.Unavailable")
        {
            return null;
        }
    }

    public Task<IReadOnlyList<MachineImage>> FindByTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        DescribeAsync(
            new DescribeImagesRequest { Owners = ["self"], Filters = Ec2Mapping.TagFilters(tags), MaxResults = 1000 },
            $"images tagged {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}",
            cancellationToken);

    public Task DeregisterAsync(string imageId, CancellationToken cancellationToken = default) =>
        CallAsync("DeregisterImage", $"image '{imageId}'", () => Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId }, cancellationToken));

    public async Task DeleteSnapshotsAsync(IEnumerable<string> snapshotIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in snapshotIds)
        {
            await CallAsync("DeleteSnapshot", $"snapshot '{id}'", () => Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = id }, cancellationToken)).ConfigureAwait(false);
        }
    }

    private Task<IReadOnlyList<MachineImage>> DescribeAsync(DescribeImagesRequest request, string resource, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<MachineImage>>("DescribeImages", resource, async () =>
        {
            var found = new List<MachineImage>();
            do
            {
                var response = await Ec2.DescribeImagesAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange((response.Images ?? []).Select(Ec2Mapping.Image));
                request.NextToken = response.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return found;
        });
}
