using LocalAws.Model;

namespace LocalAws.Api;

/// <content>EBS snapshots: describe and delete (CreateImage makes them).</content>
internal sealed partial class Ec2Api
{
    private void DescribeSnapshots(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("SnapshotId");
        if (ids.FirstOrDefault(id => !Cloud.State.Snapshots.ContainsKey(id)) is { } missing)
        {
            throw SnapshotNotFound(missing);
        }

        var owners = request.Strings("Owner");
        var mine = owners.Count == 0 || owners.Any(o => o == "self" || o == Cloud.State.AccountId);
        var filters = Filters(request, "snapshot-id", "description", "status", "volume-id", "volume-size", "owner-id", "encrypted");
        var snapshots = Cloud.State.Snapshots.Values
            .Where(s => mine && (ids.Count == 0 || ids.Contains(s.Id)))
            .Where(s => filters.All(f => SnapshotFilter(s, f.Name, f.Values)))
            .OrderBy(s => s.Started).ToList();
        var (page, next) = Paging.Page(snapshots, request.Get("NextToken"), request.Int("MaxResults"), 1000, 1000, "InvalidParameterValue");
        xml.List("snapshotSet", page, (x, s) => Ec2Xml.Snapshot(x, s, Cloud.State.AccountId)).Leaf("nextToken", next);
    }

    private bool SnapshotFilter(Snapshot s, string name, IReadOnlyList<string> values) => name switch
    {
        "snapshot-id" => Like(values, s.Id),
        "description" => Like(values, s.Description),
        "status" => Like(values, s.State),
        "volume-id" => Like(values, s.VolumeId),
        "volume-size" => Like(values, s.VolumeSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "owner-id" => Like(values, Cloud.State.AccountId),
        "encrypted" => Like(values, s.Encrypted ? "true" : "false"),
        _ => TagFilter(s.Tags, name, values),
    };

    /// <summary>Deletes a snapshot no registered image uses.</summary>
    private void DeleteSnapshot(QueryRequest request, XmlOut xml)
    {
        var id = request.Required("SnapshotId");
        if (!Cloud.State.Snapshots.ContainsKey(id))
        {
            throw SnapshotNotFound(id);
        }

        if (Cloud.State.Images.Values.FirstOrDefault(i => i.State != "deregistered" && i.BlockDeviceMappings.Any(b => b.SnapshotId == id)) is { } user)
        {
            throw new AwsException("InvalidSnapshot.InUse", $"The snapshot {id} is currently in use by {user.Id}");
        }

        Cloud.State.Snapshots.Remove(id);
        xml.Leaf("return", true);
    }

    private static AwsException SnapshotNotFound(string id) => new("InvalidSnapshot.NotFound", $"The snapshot '{id}' does not exist.");
}
