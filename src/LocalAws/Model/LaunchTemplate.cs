namespace LocalAws.Model;

/// <summary>What to launch: the fields LocalAws launches with, and every field as the client sent it.</summary>
public sealed record LaunchData
{
    /// <summary>Gets every field as sent, flattened (EC2: <c>BlockDeviceMapping.1.Ebs.VolumeSize</c>; Query: <c>SecurityGroups.member.1</c>).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the AMI.</summary>
    public string? ImageId { get; init; }

    /// <summary>Gets the instance type.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets the key pair name.</summary>
    public string? KeyName { get; init; }

    /// <summary>Gets the user data (base64 as sent).</summary>
    public string? UserData { get; init; }

    /// <summary>Gets the security group ids.</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>Gets the instance tags to apply at launch.</summary>
    public IReadOnlyDictionary<string, string> InstanceTags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A launch template with its versions.</summary>
public sealed class LaunchTemplate
{
    internal LaunchTemplate(string id, string name, DateTimeOffset created)
    {
        Id = id;
        Name = name;
        Created = created;
    }

    /// <summary>Gets the id.</summary>
    public string Id { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Gets the default version number.</summary>
    public long DefaultVersion { get; internal set; } = 1;

    /// <summary>Gets the versions, oldest first (deleted ones are gone).</summary>
    public List<LaunchTemplateVersion> Versions { get; } = [];

    /// <summary>Gets the latest version number: the highest one not deleted.</summary>
    public long LatestVersion => Versions.Count == 0 ? 0 : Versions.Max(v => v.Number);

    /// <summary>Gets or sets the highest number ever given: a deleted version's number is never reused.</summary>
    internal long LastNumber { get; set; }

    internal Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Resolves a version string ($Default, $Latest or a number).</summary>
    /// <param name="version">The version; null means $Default.</param>
    /// <returns>The version, or null when there is none.</returns>
    public LaunchTemplateVersion? Resolve(string? version)
    {
        var number = version switch
        {
            null or "" or "$Default" => DefaultVersion,
            "$Latest" => LatestVersion,
            _ => long.TryParse(version, out var n) ? n : -1,
        };
        return Versions.Find(v => v.Number == number);
    }
}

/// <summary>One version of a launch template.</summary>
/// <param name="Number">The version number.</param>
/// <param name="Description">The version description.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Data">What it launches.</param>
public sealed record LaunchTemplateVersion(long Number, string? Description, DateTimeOffset Created, LaunchData Data);

/// <summary>A legacy launch configuration.</summary>
/// <param name="Name">The name.</param>
/// <param name="Arn">The ARN.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Data">What it launches; its <see cref="LaunchData.Fields"/> are every CreateLaunchConfiguration parameter as sent.</param>
public sealed record LaunchConfiguration(string Name, string Arn, DateTimeOffset Created, LaunchData Data);
