using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Control;

/// <summary>Termination policies choose which instances go on scale-in.</summary>
public sealed class TerminationPolicyTests : IAsyncLifetime
{
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions(hosts: false));
        api = new QueryClient(aws.Endpoint);
        await Deployments.CreateTemplateAsync(api, "web", aws.BaseImageId);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await aws.DisposeAsync();
    }

    /// <summary>Grows the group one instance at a time, so launch times are strictly ordered; returns ids oldest first.</summary>
    private async Task<List<string>> GrowAsync(string group, int to)
    {
        var ids = new List<string>();
        for (var n = aws.Inspect(s => s.Groups[group].Members.Count) + 1; n <= to; n++)
        {
            await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", group), ("DesiredCapacity", $"{n}"));
            await Deployments.WaitInServiceAsync(aws, group, n);
            ids.Add(aws.Inspect(s => s.Groups[group].Members.OrderBy(m => m.Launched).Last().InstanceId));
        }

        return ids;
    }

    private async Task<List<string>> ShrinkAsync(string group, int to)
    {
        var before = Deployments.Members(aws, group);
        await api.CallAsync("autoscaling", "SetDesiredCapacity", ("AutoScalingGroupName", group), ("DesiredCapacity", $"{to}"));
        await Deployments.WaitInServiceAsync(aws, group, to);
        return before.Except(Deployments.Members(aws, group)).ToList();
    }

    [Theory]
    [InlineData("OldestInstance", 0)]
    [InlineData("NewestInstance", 2)]
    public async Task Should_Terminate_By_Launch_Time(string policy, int expectedIndex)
    {
        // Given
        var group = policy.ToLowerInvariant();
        await Deployments.CreateGroupAsync(api, group, 0, healthCheckType: "EC2", template: "web", extra: ("TerminationPolicies.member.1", policy));
        var ids = await GrowAsync(group, 3);

        // When
        var terminated = await ShrinkAsync(group, 2);

        // Then
        Assert.Equal([ids[expectedIndex]], terminated);
    }

    [Fact]
    public async Task Should_Terminate_Instances_Of_The_Oldest_Launch_Template_Version_First()
    {
        // Given
        await api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", "lt"), ("LaunchTemplateData.ImageId", aws.BaseImageId));
        await Deployments.CreateGroupAsync(api, "lt", 0, healthCheckType: "EC2", extra: ("TerminationPolicies.member.1", "OldestLaunchTemplate"));
        var v1 = await GrowAsync("lt", 2);
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "lt"), ("SourceVersion", "1"), ("LaunchTemplateData.InstanceType", "t3.large"));
        var v2 = await GrowAsync("lt", 4);

        // When
        var terminated = await ShrinkAsync("lt", 2);

        // Then
        Assert.Equal(v1.Order(), terminated.Order());
        Assert.Equal(v2.Order(), Deployments.Members(aws, "lt").Order());
    }

    [Fact]
    public async Task Should_Terminate_Instances_Of_The_Oldest_Launch_Configuration_First()
    {
        // Given
        await api.CallAsync("autoscaling", "CreateLaunchConfiguration", ("LaunchConfigurationName", "lc-old"), ("ImageId", aws.BaseImageId), ("InstanceType", "t3.micro"));
        await api.CallAsync("autoscaling", "CreateLaunchConfiguration", ("LaunchConfigurationName", "lc-new"), ("ImageId", aws.BaseImageId), ("InstanceType", "t3.micro"));
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", ("AutoScalingGroupName", "lc"), ("LaunchConfigurationName", "lc-old"), ("MinSize", "0"), ("MaxSize", "5"), ("DesiredCapacity", "0"), ("TerminationPolicies.member.1", "OldestLaunchConfiguration"), ("AvailabilityZones.member.1", "us-east-1a"));
        var old = await GrowAsync("lc", 1);
        await api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", "lc"), ("LaunchConfigurationName", "lc-new"));
        var fresh = await GrowAsync("lc", 3);

        // When
        var terminated = await ShrinkAsync("lc", 2);

        // Then
        Assert.Equal(old, terminated);
        Assert.Equal(fresh.Order(), Deployments.Members(aws, "lc").Order());
    }

    [Fact]
    public async Task Should_Prefer_Instances_Not_On_The_Current_Template_Version_By_Default()
    {
        // Given
        await api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", "dflt"), ("LaunchTemplateData.ImageId", aws.BaseImageId));
        await api.CallAsync("ec2", "CreateLaunchTemplateVersion", ("LaunchTemplateName", "dflt"), ("SourceVersion", "1"));
        await api.CallAsync("ec2", "ModifyLaunchTemplate", ("LaunchTemplateName", "dflt"), ("SetDefaultVersion", "2"));
        await Deployments.CreateGroupAsync(api, "dflt", 0, healthCheckType: "EC2", extra: ("LaunchTemplate.Version", "$Default"));
        var fresh = await GrowAsync("dflt", 1); // the oldest instance, on the current version 2
        await api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", "dflt"), ("LaunchTemplate.LaunchTemplateName", "dflt"), ("LaunchTemplate.Version", "1"));
        var old = await GrowAsync("dflt", 3); // newer instances, on version 1
        await api.CallAsync("autoscaling", "UpdateAutoScalingGroup", ("AutoScalingGroupName", "dflt"), ("LaunchTemplate.LaunchTemplateName", "dflt"), ("LaunchTemplate.Version", "$Default"));

        // When
        var terminated = await ShrinkAsync("dflt", 1);

        // Then
        Assert.Equal(old.Order(), terminated.Order());
        Assert.Equal(fresh, Deployments.Members(aws, "dflt"));
    }
}
