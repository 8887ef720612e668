using LocalAws.Control;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Groups: describe, create, update, delete, sizes, load balancers.</content>
internal sealed partial class AutoScalingApi
{
    private void DescribeGroups(QueryRequest request, XmlOut xml)
    {
        var names = request.Strings("AutoScalingGroupNames");
        var filters = request.Structs("Filters").Select(f => (Name: f.Get("Name") ?? string.Empty, Values: f.Strings("Values"))).ToList();
        var groups = Cloud.State.Groups.Values
            .Where(g => names.Count == 0 || names.Contains(g.Name))
            .Where(g => filters.All(f => MatchesFilter(g, f.Name, f.Values)))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Paging.Page(groups, request.Get("NextToken"), request.Int("MaxRecords"), 50, 100);
        xml.List("AutoScalingGroups", page, (x, g) => AutoScalingXml.Group(x, g, Cloud.State)).Leaf("NextToken", next);
    }

    private static bool MatchesFilter(AutoScalingGroup group, string name, IReadOnlyList<string> values) => name switch
    {
        "tag-key" => group.Tags.Any(t => values.Contains(t.Key)),
        "tag-value" => group.Tags.Any(t => values.Contains(t.Value)),
        _ when name.StartsWith("tag:", StringComparison.Ordinal) => group.Tags.Any(t => t.Key == name[4..] && values.Contains(t.Value)),
        _ => throw AwsException.Validation($"Filter '{name}' is not supported by LocalAws (tag-key, tag-value, tag:<key>)."),
    };

    private void CreateGroup(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("AutoScalingGroupName");
        if (Cloud.State.Groups.ContainsKey(name))
        {
            throw new AwsException("AlreadyExists", $"AutoScalingGroup by this name already exists - A group with the name {name} already exists");
        }

        var min = request.Int("MinSize") ?? throw request.Missing("MinSize");
        var max = request.Int("MaxSize") ?? throw request.Missing("MaxSize");
        var desired = request.Int("DesiredCapacity") ?? min;
        CheckSizes(min, max, desired);
        var group = new AutoScalingGroup(name, Arn(name), Now) { MinSize = min, MaxSize = max, DesiredCapacity = desired };
        ApplyLaunchSource(request, group, required: true);
        group.HealthCheckType = request.Get("HealthCheckType") ?? "EC2";
        group.HealthCheckGracePeriod = request.Int("HealthCheckGracePeriod") ?? 0;
        group.DefaultCooldown = request.Int("DefaultCooldown") ?? 300;
        group.VpcZoneIdentifier = request.Get("VPCZoneIdentifier");
        var zones = request.Strings("AvailabilityZones");
        group.AvailabilityZones.AddRange(zones.Count > 0 ? zones : [Cloud.Zone(0)]);
        SetPolicies(group, request);
        group.LoadBalancerNames.AddRange(CheckBalancers(request.Strings("LoadBalancerNames")));
        group.TargetGroupArns.AddRange(CheckTargetGroups(request.Strings("TargetGroupARNs")));
        foreach (var tag in request.Structs("Tags"))
        {
            group.Tags.Add(new GroupTag(tag.Required("Key"), tag.Get("Value") ?? string.Empty, tag.Bool("PropagateAtLaunch") ?? false));
        }

        Cloud.State.Groups.Add(name, group);
        Cloud.Wake();
    }

    private void UpdateGroup(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var min = request.Int("MinSize") ?? group.MinSize;
        var max = request.Int("MaxSize") ?? group.MaxSize;
        var desired = request.Int("DesiredCapacity") ?? Math.Clamp(group.DesiredCapacity, min, Math.Max(min, max));
        CheckSizes(min, max, desired);
        (group.MinSize, group.MaxSize, group.DesiredCapacity) = (min, max, desired);
        ApplyLaunchSource(request, group, required: false);
        group.HealthCheckType = request.Get("HealthCheckType") ?? group.HealthCheckType;
        group.HealthCheckGracePeriod = request.Int("HealthCheckGracePeriod") ?? group.HealthCheckGracePeriod;
        if (request.Strings("AvailabilityZones") is { Count: > 0 } zones)
        {
            group.AvailabilityZones.Clear();
            group.AvailabilityZones.AddRange(zones);
        }

        SetPolicies(group, request);
        Cloud.Wake();
    }

    private void DeleteGroup(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        if (group.Members.Count > 0 && request.Bool("ForceDelete") != true)
        {
            throw new AwsException("ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
        }

        foreach (var member in group.Members)
        {
            Registration.DeregisterFromGroupBalancers(Cloud, group, member.InstanceId);
            if (Cloud.State.Instances.TryGetValue(member.InstanceId, out var instance))
            {
                Launcher.TerminateInstance(Cloud, instance, "Client.UserInitiatedShutdown: the Auto Scaling group was deleted");
            }
        }

        Cloud.State.Groups.Remove(group.Name);
    }

    private void SetDesiredCapacity(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var desired = request.Int("DesiredCapacity") ?? throw request.Missing("DesiredCapacity");
        if (desired > group.MaxSize)
        {
            throw AwsException.Validation($"New SetDesiredCapacity value {desired} is above max value {group.MaxSize} for the AutoScalingGroup.");
        }

        if (desired < group.MinSize)
        {
            throw AwsException.Validation($"New SetDesiredCapacity value {desired} is below min value {group.MinSize} for the AutoScalingGroup.");
        }

        group.DesiredCapacity = desired;
        Cloud.Wake();
    }

    private void AttachLoadBalancers(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        foreach (var name in CheckBalancers(request.Strings("LoadBalancerNames")).Where(n => !group.LoadBalancerNames.Contains(n)))
        {
            group.LoadBalancerNames.Add(name);
            foreach (var member in group.Active.Where(m => m.RegistrationDone && !m.SkipLoadBalancers))
            {
                Registration.RegisterClassic(Cloud.State.LoadBalancers[name], member.InstanceId, Now);
            }
        }
    }

    private void AttachTargetGroups(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        foreach (var arn in CheckTargetGroups(request.Strings("TargetGroupARNs")).Where(a => !group.TargetGroupArns.Contains(a)))
        {
            group.TargetGroupArns.Add(arn);
            foreach (var member in group.Active.Where(m => m.RegistrationDone && !m.SkipLoadBalancers))
            {
                Registration.RegisterTarget(Cloud.State.TargetGroups[arn], member.InstanceId, null, Now);
            }
        }
    }

    private static void CheckSizes(int min, int max, int desired)
    {
        if (min > max)
        {
            throw AwsException.Validation($"Max bound, {max}, must be greater than or equal to min bound, {min}");
        }

        if (desired < min || desired > max)
        {
            throw AwsException.Validation($"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}");
        }
    }

    private void ApplyLaunchSource(QueryRequest request, AutoScalingGroup group, bool required)
    {
        if (request.Get("LaunchConfigurationName") is { } lc)
        {
            if (!Cloud.State.LaunchConfigurations.ContainsKey(lc))
            {
                throw AwsException.Validation($"Launch configuration name not found - Launch configuration {lc} not found");
            }

            (group.LaunchConfigurationName, group.LaunchTemplate) = (lc, null);
        }
        else if (request.Has("LaunchTemplate"))
        {
            var spec = request.Sub("LaunchTemplate");
            var template = Cloud.State.FindTemplate(spec.Get("LaunchTemplateId"), spec.Get("LaunchTemplateName"))
                ?? throw AwsException.Validation($"You must use a valid fully-formed launch template. The specified launch template, with template name {spec.Get("LaunchTemplateName") ?? spec.Get("LaunchTemplateId")}, does not exist.");
            var version = spec.Get("Version") ?? "$Default";
            if (template.Resolve(version) is null)
            {
                throw AwsException.Validation($"You must use a valid fully-formed launch template. The specified launch template version {version} of {template.Name} does not exist.");
            }

            (group.LaunchConfigurationName, group.LaunchTemplate) = (null, new LaunchTemplateRef(template.Id, template.Name, version));
        }
        else if (required)
        {
            throw AwsException.Validation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        }
    }

    private static void SetPolicies(AutoScalingGroup group, QueryRequest request)
    {
        var policies = request.Strings("TerminationPolicies");
        if (policies.FirstOrDefault(p => !TerminationPolicy.Known.Contains(p)) is { } unknown)
        {
            throw AwsException.Validation($"Termination policy '{unknown}' is not valid. Valid policies: {string.Join(", ", TerminationPolicy.Known)}.");
        }

        if (policies.Count > 0)
        {
            group.TerminationPolicies.Clear();
            group.TerminationPolicies.AddRange(policies);
        }
    }

    private IReadOnlyList<string> CheckBalancers(IReadOnlyList<string> names) =>
        names.All(Cloud.State.LoadBalancers.ContainsKey) ? names
        : throw AwsException.Validation("Provided Load Balancers may not be valid. Please ensure they exist and try again.");

    private IReadOnlyList<string> CheckTargetGroups(IReadOnlyList<string> arns) =>
        arns.All(Cloud.State.TargetGroups.ContainsKey) ? arns
        : throw AwsException.Validation("Provided Target Groups may not be valid. Please ensure they exist and try again.");

    private string Arn(string name) =>
        $"arn:aws:autoscaling:{Cloud.Options.Region}:{Cloud.State.AccountId}:autoScalingGroup:{Guid.NewGuid()}:autoScalingGroupName/{name}";
}
