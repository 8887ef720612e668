using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="ILaunchConfigurations"/> on Create/Describe/DeleteLaunchConfiguration(s), every field of the shape.</summary>
internal sealed class LaunchConfigurationsAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), ILaunchConfigurations
{
    public Task CreateAsync(LaunchConfiguration configuration, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("CreateLaunchConfiguration")
            .Add("LaunchConfigurationName", configuration.Name)
            .Add("ImageId", configuration.ImageId)
            .Add("KeyName", configuration.KeyName)
            .AddList("SecurityGroups", configuration.SecurityGroups.Count == 0 ? null : configuration.SecurityGroups)
            .Add("ClassicLinkVPCId", configuration.ClassicLinkVpcId)
            .AddList("ClassicLinkVPCSecurityGroups", configuration.ClassicLinkVpcSecurityGroups.Count == 0 ? null : configuration.ClassicLinkVpcSecurityGroups)
            .Add("UserData", configuration.UserDataBase64)
            .Add("InstanceType", configuration.InstanceType)
            .Add("KernelId", configuration.KernelId)
            .Add("RamdiskId", configuration.RamdiskId)
            .AddStructures("BlockDeviceMappings", configuration.BlockDevices.Count == 0 ? null : configuration.BlockDevices, AddBlockDevice)
            .Add("InstanceMonitoring.Enabled", configuration.InstanceMonitoring)
            .Add("SpotPrice", configuration.SpotPrice)
            .Add("IamInstanceProfile", configuration.IamInstanceProfile)
            .Add("EbsOptimized", configuration.EbsOptimized)
            .Add("AssociatePublicIpAddress", configuration.AssociatePublicIpAddress)
            .Add("PlacementTenancy", configuration.PlacementTenancy)
            .Add("MetadataOptions.HttpTokens", configuration.MetadataOptions?.HttpTokens)
            .Add("MetadataOptions.HttpPutResponseHopLimit", configuration.MetadataOptions?.HttpPutResponseHopLimit)
            .Add("MetadataOptions.HttpEndpoint", configuration.MetadataOptions?.HttpEndpoint),
        Configuration(configuration.Name),
        cancellationToken);

    public async Task<LaunchConfiguration?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(
            new QueryRequest("DescribeLaunchConfigurations").AddList("LaunchConfigurationNames", [name]),
            Configuration(name),
            cancellationToken).ConfigureAwait(false);
        return result.Members("LaunchConfigurations").Select(AutoScalingXml.LaunchConfiguration).FirstOrDefault(c => c.Name == name);
    }

    public async Task<IReadOnlyList<LaunchConfiguration>> ListAsync(CancellationToken cancellationToken = default)
    {
        var found = new List<LaunchConfiguration>();
        await foreach (var page in PagesAsync(() => new QueryRequest("DescribeLaunchConfigurations").Add("MaxRecords", 100), "NextToken", "NextToken", "launch configurations", cancellationToken).ConfigureAwait(false))
        {
            found.AddRange(page.Members("LaunchConfigurations").Select(AutoScalingXml.LaunchConfiguration));
        }

        return found;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("DeleteLaunchConfiguration").Add("LaunchConfigurationName", name),
        Configuration(name),
        cancellationToken);

    private static void AddBlockDevice(string prefix, BlockDevice device, QueryRequest request)
    {
        request.Add($"{prefix}.DeviceName", device.DeviceName)
            .Add($"{prefix}.VirtualName", device.VirtualName)
            .Add($"{prefix}.NoDevice", device.NoDevice);
        if (device.Ebs is { } ebs)
        {
            request.Add($"{prefix}.Ebs.SnapshotId", ebs.SnapshotId)
                .Add($"{prefix}.Ebs.VolumeSize", ebs.VolumeSize)
                .Add($"{prefix}.Ebs.VolumeType", ebs.VolumeType)
                .Add($"{prefix}.Ebs.DeleteOnTermination", ebs.DeleteOnTermination)
                .Add($"{prefix}.Ebs.Iops", ebs.Iops)
                .Add($"{prefix}.Ebs.Encrypted", ebs.Encrypted)
                .Add($"{prefix}.Ebs.Throughput", ebs.Throughput);
        }
    }

    private static string Configuration(string name) => $"launch configuration '{name}'";
}
