namespace LocalAws.Model;

/// <summary>
/// Everything LocalAws knows: instances, images, templates, groups, load balancers, activities.
/// Guarded by <see cref="Gate"/>; read it through <c>LocalAwsServer.Inspect</c>, which holds the lock.
/// </summary>
public sealed class CloudState
{
    private readonly Random random;
    private long counter;

    internal CloudState(Random random)
    {
        this.random = random;
        AccountId = "1234" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the account id used in ARNs and owner ids.</summary>
    public string AccountId { get; }

    /// <summary>Gets the instances (terminated ones stay listed, as in EC2).</summary>
    public Dictionary<string, Ec2Instance> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the images.</summary>
    public Dictionary<string, Image> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the EBS snapshots by id (they outlive the images made with them, as in EC2).</summary>
    public Dictionary<string, Snapshot> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the launch templates by id.</summary>
    public Dictionary<string, LaunchTemplate> LaunchTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the launch configurations by name.</summary>
    public Dictionary<string, LaunchConfiguration> LaunchConfigurations { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the Auto Scaling groups by name.</summary>
    public Dictionary<string, AutoScalingGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the classic load balancers by name.</summary>
    public Dictionary<string, ClassicLoadBalancer> LoadBalancers { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the target groups by ARN.</summary>
    public Dictionary<string, TargetGroup> TargetGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the scaling activities, oldest first.</summary>
    public List<Activity> Activities { get; } = [];

    /// <summary>Gets the instance refreshes, oldest first.</summary>
    public List<InstanceRefresh> InstanceRefreshes { get; } = [];

    internal object Gate { get; } = new();

    internal string Region { get; init; } = "us-east-1";

    /// <summary>Makes a new AWS-looking id (i-, ami-, lt-, r-, snap-, vol-) unique in this server.</summary>
    /// <param name="prefix">The prefix without the dash.</param>
    /// <returns>The id.</returns>
    internal string NewId(string prefix)
    {
        var n = Interlocked.Increment(ref counter);
        return $"{prefix}-{random.Next(0x1000, 0xffff):x4}{n:x13}";
    }

    /// <summary>Makes an image available and its snapshots completed.</summary>
    /// <param name="image">The image.</param>
    internal void MakeAvailable(Image image)
    {
        image.State = "available";
        foreach (var device in image.BlockDeviceMappings)
        {
            if (Snapshots.TryGetValue(device.SnapshotId, out var snapshot))
            {
                snapshot.State = "completed";
            }
        }
    }

    /// <summary>Finds a launch template by id or name.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    /// <returns>The template or null.</returns>
    internal LaunchTemplate? FindTemplate(string? id, string? name) =>
        id is not null && LaunchTemplates.TryGetValue(id, out var byId) ? byId
        : LaunchTemplates.Values.FirstOrDefault(t => t.Name == name && name is not null);

    /// <summary>Records a new activity.</summary>
    /// <param name="group">The group.</param>
    /// <param name="description">What.</param>
    /// <param name="cause">Why.</param>
    /// <param name="now">When.</param>
    /// <returns>The activity.</returns>
    internal Activity AddActivity(string group, string description, string cause, DateTimeOffset now)
    {
        var activity = new Activity(Guid.NewGuid().ToString(), group, description, cause, now);
        Activities.Add(activity);
        return activity;
    }

    /// <summary>Finds the group member for an instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The group and member, or nulls.</returns>
    internal (AutoScalingGroup? Group, GroupMember? Member) FindMember(string instanceId)
    {
        foreach (var group in Groups.Values)
        {
            var member = group.Members.Find(m => m.InstanceId == instanceId);
            if (member is not null)
            {
                return (group, member);
            }
        }

        return (null, null);
    }
}
