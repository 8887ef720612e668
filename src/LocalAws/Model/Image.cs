namespace LocalAws.Model;

/// <summary>An AMI: a copy of a builder instance's directory.</summary>
public sealed class Image
{
    internal Image(string id, string name, string directory, DateTimeOffset created)
    {
        Id = id;
        Name = name;
        Directory = directory;
        Created = created;
    }

    /// <summary>Gets the image id.</summary>
    public string Id { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the directory instances launched from it start with a copy of.</summary>
    public string Directory { get; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Gets the state: pending, available, deregistered.</summary>
    public string State { get; internal set; } = "pending";

    /// <summary>Gets the tags.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the root device name.</summary>
    public string RootDeviceName { get; } = "/dev/xvda";

    /// <summary>Gets the EBS block devices: the root device's snapshot first.</summary>
    public List<ImageBlockDevice> BlockDeviceMappings { get; } = [];

    internal string? Description { get; set; }

    internal string? SourceInstanceId { get; set; }

    internal DateTimeOffset AvailableAt { get; set; }
}
