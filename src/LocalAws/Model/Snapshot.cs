namespace LocalAws.Model;

/// <summary>An EBS snapshot: the root volume of the instance an image was made from.</summary>
public sealed class Snapshot
{
    internal Snapshot(string id, string volumeId, int volumeSize, DateTimeOffset started)
    {
        Id = id;
        VolumeId = volumeId;
        VolumeSize = volumeSize;
        Started = started;
    }

    /// <summary>Gets the snapshot id (snap-...).</summary>
    public string Id { get; }

    /// <summary>Gets the id of the volume it was taken from.</summary>
    public string VolumeId { get; }

    /// <summary>Gets the size in GiB.</summary>
    public int VolumeSize { get; }

    /// <summary>Gets when it was started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Gets the state: pending, then completed once its image is available.</summary>
    public string State { get; internal set; } = "pending";

    /// <summary>Gets the description (CreateImage writes "Created by CreateImage(i-...) for ami-...").</summary>
    public string? Description { get; internal set; }

    /// <summary>Gets the tags.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    internal bool Encrypted { get; init; }
}

/// <summary>An EBS block device of an image: where its snapshot is attached, how large, what kind.</summary>
/// <param name="DeviceName">The device, e.g. /dev/xvda (the root device).</param>
/// <param name="SnapshotId">The snapshot.</param>
/// <param name="VolumeSize">The size in GiB.</param>
/// <param name="VolumeType">gp3, gp2, io1, ...</param>
/// <param name="DeleteOnTermination">Whether the volume goes with the instance.</param>
/// <param name="Encrypted">Whether it is encrypted.</param>
public sealed record ImageBlockDevice(string DeviceName, string SnapshotId, int VolumeSize, string VolumeType, bool DeleteOnTermination, bool Encrypted);

/// <summary>An instance's root EBS volume (a new volume from its image's root snapshot).</summary>
/// <param name="VolumeId">The volume id (vol-...).</param>
/// <param name="Size">The size in GiB.</param>
/// <param name="VolumeType">The volume type.</param>
/// <param name="DeleteOnTermination">Whether it goes with the instance.</param>
/// <param name="Encrypted">Whether it is encrypted.</param>
public sealed record RootVolume(string VolumeId, int Size, string VolumeType, bool DeleteOnTermination, bool Encrypted);
