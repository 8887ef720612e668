namespace Cake.FabulAWS.Ports;

/// <summary>An EC2 instance with the addresses a deploy can reach it by.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="State">pending, running, stopping, stopped, shutting-down, terminated.</param>
/// <param name="PrivateIpAddress">The private IP address.</param>
/// <param name="PublicIpAddress">The public IP address.</param>
/// <param name="PrivateDnsName">The private DNS name.</param>
/// <param name="PublicDnsName">The public DNS name.</param>
/// <param name="ImageId">The AMI it was launched from.</param>
/// <param name="LaunchTime">When it was launched.</param>
/// <param name="Tags">Its tags.</param>
public sealed record Ec2Instance(
    string InstanceId,
    string State,
    string? PrivateIpAddress,
    string? PublicIpAddress,
    string? PrivateDnsName,
    string? PublicDnsName,
    string? ImageId,
    DateTimeOffset? LaunchTime,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Gets the availability zone it runs in, when known.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Reads an address by the name FabulAWS's <c>ec2_attr_for_ssh</c> uses.</summary>
    /// <param name="attribute">private_ip_address, ip_address, public_dns_name or private_dns_name (also the EC2 API names).</param>
    /// <returns>The address, or <c>null</c> when the instance has none.</returns>
    public string? Address(string attribute) => attribute switch
    {
        "private_ip_address" or "PrivateIpAddress" => PrivateIpAddress,
        "ip_address" or "public_ip_address" or "PublicIpAddress" => PublicIpAddress,
        "public_dns_name" or "dns_name" or "PublicDnsName" => PublicDnsName,
        "private_dns_name" or "PrivateDnsName" => PrivateDnsName,
        _ => throw new ArgumentException($"Unknown instance address attribute '{attribute}'. Use private_ip_address, ip_address, public_dns_name or private_dns_name.", nameof(attribute)),
    };
}

/// <summary>What to launch.</summary>
/// <param name="ImageId">The AMI.</param>
/// <param name="InstanceType">The instance type.</param>
public sealed record InstanceLaunch(string ImageId, string InstanceType)
{
    /// <summary>Gets the key pair name.</summary>
    public string? KeyName { get; init; }

    /// <summary>Gets the security group ids.</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>Gets the subnet.</summary>
    public string? SubnetId { get; init; }

    /// <summary>Gets the availability zone to launch in (full name, such as us-east-1a); null lets EC2 choose.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Gets the user data (plain text; the adapter encodes it).</summary>
    public string? UserData { get; init; }

    /// <summary>Gets the tags to put on the instance at launch.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the launch template to launch from, instead of image and type alone.</summary>
    public LaunchSource? LaunchTemplate { get; init; }
}

/// <summary>Finds, launches and terminates EC2 instances.</summary>
public interface IInstances
{
    /// <summary>Finds instances whose tags match every given tag (all pages).</summary>
    /// <param name="tags">Tag key and value pairs that must all match.</param>
    /// <param name="states">Instance states to include; empty for all but terminated.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching instances.</returns>
    Task<IReadOnlyList<Ec2Instance>> FindByTagsAsync(IReadOnlyDictionary<string, string> tags, IEnumerable<string> states, CancellationToken cancellationToken = default);

    /// <summary>Describes instances by id.</summary>
    /// <param name="instanceIds">The ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances.</returns>
    Task<IReadOnlyList<Ec2Instance>> DescribeAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Launches one instance.</summary>
    /// <param name="launch">What to launch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance.</returns>
    Task<Ec2Instance> LaunchAsync(InstanceLaunch launch, CancellationToken cancellationToken = default);

    /// <summary>Terminates instances.</summary>
    /// <param name="instanceIds">The ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task TerminateAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Adds or overwrites tags on instances or images.</summary>
    /// <param name="resourceIds">Instance or image ids.</param>
    /// <param name="tags">The tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task TagAsync(IEnumerable<string> resourceIds, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Reads the instance's console output (decoded), where cloud-init prints the SSH host key fingerprints.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text, or an empty string when there is none yet.</returns>
    Task<string> GetConsoleOutputAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>An AMI.</summary>
/// <param name="ImageId">The AMI id.</param>
/// <param name="Name">The image name.</param>
/// <param name="State">pending, available, failed, ...</param>
/// <param name="CreationDate">When it was created.</param>
/// <param name="Tags">Its tags.</param>
public sealed record MachineImage(string ImageId, string Name, string State, DateTimeOffset? CreationDate, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Gets the EBS snapshots of its block devices (they stay when the image is deregistered).</summary>
    public IReadOnlyList<string> SnapshotIds { get; init; } = [];

    /// <summary>Gets the reason the image failed, when its state is failed.</summary>
    public string? StateReason { get; init; }
}

/// <summary>Bakes and removes AMIs.</summary>
public interface IImages
{
    /// <summary>Creates an image of an instance.</summary>
    /// <param name="instanceId">The builder instance.</param>
    /// <param name="name">The image name.</param>
    /// <param name="description">The description.</param>
    /// <param name="tags">Tags for the image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new image id.</returns>
    Task<string> CreateAsync(string instanceId, string name, string description, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Describes an image.</summary>
    /// <param name="imageId">The image id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The image, or <c>null</c> when it does not exist.</returns>
    Task<MachineImage?> FindAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Finds images owned by this account whose tags all match.</summary>
    /// <param name="tags">Tag key and value pairs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images.</returns>
    Task<IReadOnlyList<MachineImage>> FindByTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Deregisters an image.</summary>
    /// <param name="imageId">The image id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeregisterAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Deletes EBS snapshots (those of a deregistered image).</summary>
    /// <param name="snapshotIds">The snapshots.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteSnapshotsAsync(IEnumerable<string> snapshotIds, CancellationToken cancellationToken = default);
}

/// <summary>One version of a launch template.</summary>
/// <param name="TemplateId">The template id.</param>
/// <param name="TemplateName">The template name.</param>
/// <param name="Version">The version number.</param>
/// <param name="IsDefault">Whether this is the default version.</param>
/// <param name="ImageId">The AMI of this version.</param>
/// <param name="InstanceType">The instance type of this version.</param>
/// <param name="Description">The version description.</param>
public sealed record LaunchTemplateVersion(string TemplateId, string TemplateName, long Version, bool IsDefault, string? ImageId, string? InstanceType, string? Description);

/// <summary>What a new launch template version changes relative to its source version.</summary>
/// <param name="ImageId">The new AMI.</param>
public sealed record LaunchTemplateChange(string ImageId)
{
    /// <summary>Gets the instance type, when it changes.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets the version description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the key pair name, when it changes.</summary>
    public string? KeyName { get; init; }

    /// <summary>Gets the security groups (ids, or names in the default VPC), when they change.</summary>
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }

    /// <summary>Gets the user data (plain text), when it changes.</summary>
    public string? UserData { get; init; }
}

/// <summary>Launch templates and their versions.</summary>
public interface ILaunchTemplates
{
    /// <summary>Finds a template's version.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="version">A number, <c>$Default</c> or <c>$Latest</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or <c>null</c> when the template or version does not exist.</returns>
    Task<LaunchTemplateVersion?> FindVersionAsync(string templateName, string version, CancellationToken cancellationToken = default);

    /// <summary>Creates a template with its first version.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="change">The first version's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Version 1.</returns>
    Task<LaunchTemplateVersion> CreateTemplateAsync(string templateName, LaunchTemplateChange change, CancellationToken cancellationToken = default);

    /// <summary>Creates a new version from a source version with changes.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="sourceVersion">The version to copy (number, <c>$Default</c> or <c>$Latest</c>).</param>
    /// <param name="change">What changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    Task<LaunchTemplateVersion> CreateVersionAsync(string templateName, string sourceVersion, LaunchTemplateChange change, CancellationToken cancellationToken = default);

    /// <summary>Finds a template (its default and latest version numbers).</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The template, or <c>null</c> when it does not exist.</returns>
    Task<LaunchTemplateSummary?> FindTemplateAsync(string templateName, CancellationToken cancellationToken = default);

    /// <summary>Lists every version of a template, oldest first, following every page.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    Task<IReadOnlyList<LaunchTemplateVersion>> ListVersionsAsync(string templateName, CancellationToken cancellationToken = default);

    /// <summary>Deletes versions of a template (never the default one: AWS refuses it).</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="versions">The version numbers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task; it fails naming every version AWS did not delete and why.</returns>
    Task DeleteVersionsAsync(string templateName, IEnumerable<long> versions, CancellationToken cancellationToken = default);

    /// <summary>Makes a version the template's default.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetDefaultVersionAsync(string templateName, long version, CancellationToken cancellationToken = default);
}

/// <summary>The EBS part of a block device mapping.</summary>
/// <param name="SnapshotId">The snapshot the volume starts from.</param>
/// <param name="VolumeSize">The size in GiB.</param>
/// <param name="VolumeType">gp3, gp2, io1, ...</param>
/// <param name="DeleteOnTermination">Whether the volume goes with the instance.</param>
/// <param name="Iops">Provisioned IOPS.</param>
/// <param name="Throughput">Throughput in MiB/s (gp3).</param>
/// <param name="Encrypted">Whether the volume is encrypted.</param>
public sealed record EbsVolume(string? SnapshotId, int? VolumeSize, string? VolumeType, bool? DeleteOnTermination, int? Iops, int? Throughput, bool? Encrypted);

/// <summary>A block device mapping of a launch configuration.</summary>
/// <param name="DeviceName">The device, such as /dev/sdf.</param>
/// <param name="VirtualName">An instance store name (ephemeral0), or null.</param>
/// <param name="NoDevice">Whether the device is suppressed.</param>
/// <param name="Ebs">The EBS volume, or null.</param>
public sealed record BlockDevice(string DeviceName, string? VirtualName, bool? NoDevice, EbsVolume? Ebs);

/// <summary>The instance metadata service options of a launch configuration.</summary>
/// <param name="HttpTokens">optional or required (IMDSv2).</param>
/// <param name="HttpPutResponseHopLimit">The hop limit.</param>
/// <param name="HttpEndpoint">enabled or disabled.</param>
public sealed record MetadataOptions(string? HttpTokens, int? HttpPutResponseHopLimit, string? HttpEndpoint);

/// <summary>
/// A legacy launch configuration, every field of it, so a new one can be made that differs only in the image
/// (FabulAWS copied none of this and lost key, user data, profile and disks).
/// </summary>
/// <param name="Name">Its name.</param>
/// <param name="ImageId">The AMI.</param>
/// <param name="InstanceType">The instance type.</param>
public sealed record LaunchConfiguration(string Name, string ImageId, string InstanceType)
{
    /// <summary>Gets when it was created.</summary>
    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>Gets the key pair name.</summary>
    public string? KeyName { get; init; }

    /// <summary>Gets the security groups (ids or names).</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Gets the user data as AWS stores it (base64), copied as is.</summary>
    public string? UserDataBase64 { get; init; }

    /// <summary>Gets the IAM instance profile name or ARN.</summary>
    public string? IamInstanceProfile { get; init; }

    /// <summary>Gets the block device mappings.</summary>
    public IReadOnlyList<BlockDevice> BlockDevices { get; init; } = [];

    /// <summary>Gets whether detailed monitoring is on.</summary>
    public bool? InstanceMonitoring { get; init; }

    /// <summary>Gets the maximum spot price, for spot instances.</summary>
    public string? SpotPrice { get; init; }

    /// <summary>Gets whether the instances are EBS-optimized.</summary>
    public bool? EbsOptimized { get; init; }

    /// <summary>Gets whether instances get a public IP address.</summary>
    public bool? AssociatePublicIpAddress { get; init; }

    /// <summary>Gets the tenancy: default or dedicated.</summary>
    public string? PlacementTenancy { get; init; }

    /// <summary>Gets the metadata service options.</summary>
    public MetadataOptions? MetadataOptions { get; init; }

    /// <summary>Gets the kernel id.</summary>
    public string? KernelId { get; init; }

    /// <summary>Gets the RAM disk id.</summary>
    public string? RamdiskId { get; init; }

    /// <summary>Gets the ClassicLink VPC id.</summary>
    public string? ClassicLinkVpcId { get; init; }

    /// <summary>Gets the ClassicLink VPC security groups.</summary>
    public IReadOnlyList<string> ClassicLinkVpcSecurityGroups { get; init; } = [];
}

/// <summary>Legacy launch configurations (accounts made since October 2024 cannot create them).</summary>
public interface ILaunchConfigurations
{
    /// <summary>Creates a launch configuration with every field given.</summary>
    /// <param name="configuration">The configuration; <see cref="LaunchConfiguration.CreatedTime"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CreateAsync(LaunchConfiguration configuration, CancellationToken cancellationToken = default);

    /// <summary>Finds a launch configuration by name.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configuration, or <c>null</c>.</returns>
    Task<LaunchConfiguration?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists every launch configuration of the account and region, following every page.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The configurations.</returns>
    Task<IReadOnlyList<LaunchConfiguration>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a launch configuration.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
