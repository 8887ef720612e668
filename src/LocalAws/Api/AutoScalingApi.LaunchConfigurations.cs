using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Launch configurations (legacy, still used by existing groups).</content>
internal sealed partial class AutoScalingApi
{
    private void CreateLaunchConfiguration(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LaunchConfigurationName");
        if (Cloud.State.LaunchConfigurations.ContainsKey(name))
        {
            throw new AwsException("AlreadyExists", $"Launch Configuration by this name already exists - A launch configuration already exists with the name {name}");
        }

        var data = new LaunchData
        {
            ImageId = request.Required("ImageId"),
            InstanceType = request.Required("InstanceType"),
            KeyName = request.Get("KeyName"),
            UserData = request.Get("UserData"),
            SecurityGroupIds = request.Strings("SecurityGroups"),
        };
        var arn = $"arn:aws:autoscaling:{Cloud.Options.Region}:{Cloud.State.AccountId}:launchConfiguration:{Guid.NewGuid()}:launchConfigurationName/{name}";
        Cloud.State.LaunchConfigurations.Add(name, new LaunchConfiguration(name, arn, Now, data));
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
