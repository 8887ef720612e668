using System.Text;
using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="ILaunchConfigurations"/> on Create/Describe/DeleteLaunchConfiguration(s).</summary>
internal sealed class LaunchConfigurationsAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), ILaunchConfigurations
{
    public Task CreateAsync(string name, InstanceLaunch launch, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("CreateLaunchConfiguration")
            .Add("LaunchConfigurationName", name)
            .Add("ImageId", launch.ImageId)
            .Add("InstanceType", launch.InstanceType)
            .Add("KeyName", launch.KeyName)
            .AddList("SecurityGroups", launch.SecurityGroupIds.Count == 0 ? null : launch.SecurityGroupIds)
            .Add("UserData", launch.UserData is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(launch.UserData))),
        Configuration(name),
        cancellationToken);

    public async Task<LaunchConfiguration?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(
            new QueryRequest("DescribeLaunchConfigurations").AddList("LaunchConfigurationNames", [name]),
            Configuration(name),
            cancellationToken).ConfigureAwait(false);
        return result.Members("LaunchConfigurations").Select(AutoScalingXml.LaunchConfiguration).FirstOrDefault(c => c.Name == name);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("DeleteLaunchConfiguration").Add("LaunchConfigurationName", name),
        Configuration(name),
        cancellationToken);

    private static string Configuration(string name) => $"launch configuration '{name}'";
}
