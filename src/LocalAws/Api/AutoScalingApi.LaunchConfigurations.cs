using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Launch configurations (legacy, still used by existing groups).</content>
internal sealed partial class AutoScalingApi
{
    /// <summary>Every parameter is kept as sent and described back; ImageId, InstanceType, KeyName and SecurityGroups may come from InstanceId.</summary>
    private void CreateLaunchConfiguration(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LaunchConfigurationName");
        if (Cloud.State.LaunchConfigurations.ContainsKey(name))
        {
            throw new AwsException("AlreadyExists", $"Launch Configuration by this name already exists - A launch configuration already exists with the name {name}");
        }

        var fields = request.Values.Where(v => v.Key is not ("Action" or "Version" or "LaunchConfigurationName" or "InstanceId"))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (request.Get("InstanceId") is { } instanceId)
        {
            FromInstance(fields, instanceId);
        }

        var d = new QueryRequest(fields, ec2: false);
        var imageId = d.Required("ImageId");
        if (!Cloud.State.Images.TryGetValue(imageId, out var image) || image.State == "deregistered")
        {
            throw AwsException.Validation($"AMI {imageId} is invalid: The image id '[{imageId}]' does not exist");
        }

        var data = new LaunchData
        {
            Fields = fields,
            ImageId = imageId,
            InstanceType = d.Required("InstanceType"),
            KeyName = d.Get("KeyName"),
            UserData = d.Get("UserData"),
            SecurityGroupIds = d.Strings("SecurityGroups"),
        };
        var arn = $"arn:aws:autoscaling:{Cloud.Options.Region}:{Cloud.State.AccountId}:launchConfiguration:{Guid.NewGuid()}:launchConfigurationName/{name}";
        Cloud.State.LaunchConfigurations.Add(name, new LaunchConfiguration(name, arn, Now, data));
    }

    /// <summary>What a launch configuration takes from an instance unless the request names it (never its block devices).</summary>
    private void FromInstance(Dictionary<string, string> fields, string instanceId)
    {
        var instance = Cloud.State.Instances.TryGetValue(instanceId, out var i) && i.State is "pending" or "running"
            ? i : throw AwsException.Validation($"Invalid instance id: {instanceId}");
        fields.TryAdd("ImageId", instance.ImageId);
        fields.TryAdd("InstanceType", instance.InstanceType);
        if (instance.KeyName is { } key)
        {
            fields.TryAdd("KeyName", key);
        }

        if (!fields.Keys.Any(k => FlatFields.Top(k) == "SecurityGroups"))
        {
            for (var n = 0; n < instance.SecurityGroups.Count; n++)
            {
                fields[$"SecurityGroups.member.{n + 1}"] = instance.SecurityGroups[n];
            }
        }
    }

    private void DescribeLaunchConfigurations(QueryRequest request, XmlOut xml)
    {
        var names = request.Strings("LaunchConfigurationNames");
        var all = Cloud.State.LaunchConfigurations.Values.Where(c => names.Count == 0 || names.Contains(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Paging.Page(all, request.Get("NextToken"), request.Int("MaxRecords"), 50, 100);
        xml.List("LaunchConfigurations", page, AutoScalingXml.LaunchConfiguration).Leaf("NextToken", next);
    }

    private void DeleteLaunchConfiguration(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LaunchConfigurationName");
        if (!Cloud.State.LaunchConfigurations.ContainsKey(name))
        {
            throw AwsException.Validation($"Launch configuration name not found - Launch configuration {name} not found");
        }

        if (Cloud.State.Groups.Values.FirstOrDefault(g => g.LaunchConfigurationName == name) is { } user)
        {
            throw new AwsException("ResourceInUse", $"Cannot delete launch configuration {name} because it is attached to AutoScalingGroup {user.Name}");
        }

        Cloud.State.LaunchConfigurations.Remove(name);
    }
}
