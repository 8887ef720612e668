using global::LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Support;

/// <summary>Set-ups shared by behaviour tests: a launch template, a classic ELB with a fast health check, a group.</summary>
internal static class Deployments
{
    /// <summary>Fast simulated time: health check interval 5 s is 0.1 s, grace 60 s is 1.2 s.</summary>
    public static LocalAwsOptions FastOptions(bool hosts = true) => new()
    {
        Port = 0,
        BootTime = TimeSpan.FromMilliseconds(50),
        ImageBuildTime = TimeSpan.FromMilliseconds(50),
        Tick = TimeSpan.FromMilliseconds(50),
        TimeScale = 0.02,
        StartHosts = hosts,
        RandomSeed = 7,
    };

    public static async Task CreateTemplateAsync(QueryClient api, string name, string imageId) =>
        await api.CallAsync("ec2", "CreateLaunchTemplate", ("LaunchTemplateName", name), ("LaunchTemplateData.ImageId", imageId), ("LaunchTemplateData.InstanceType", "t3.micro"));

    public static async Task CreateLoadBalancerAsync(QueryClient api, string name, int healthy = 2, int unhealthy = 2)
    {
        await api.CallAsync("elb", "CreateLoadBalancer", ("LoadBalancerName", name), ("Listeners.member.1.Protocol", "HTTP"), ("Listeners.member.1.LoadBalancerPort", "80"), ("Listeners.member.1.InstancePort", "80"));
        await api.CallAsync("elb", "ConfigureHealthCheck", ("LoadBalancerName", name), ("HealthCheck.Target", "HTTP:80/healthcheck.html"), ("HealthCheck.Interval", "5"), ("HealthCheck.Timeout", "2"), ("HealthCheck.HealthyThreshold", $"{healthy}"), ("HealthCheck.UnhealthyThreshold", $"{unhealthy}"));
    }

    public static async Task CreateGroupAsync(QueryClient api, string name, int desired, string? loadBalancer = null, string healthCheckType = "ELB", int max = 10, string? template = null, params (string Key, string Value)[] extra)
    {
        var parameters = new List<(string, string)>
        {
            ("AutoScalingGroupName", name), ("LaunchTemplate.LaunchTemplateName", template ?? name), ("LaunchTemplate.Version", "$Latest"),
            ("MinSize", "0"), ("MaxSize", $"{max}"), ("DesiredCapacity", $"{desired}"), ("HealthCheckType", healthCheckType), ("HealthCheckGracePeriod", "60"),
            ("AvailabilityZones.member.1", "us-east-1a"),
        };
        if (loadBalancer is not null)
        {
            parameters.Add(("LoadBalancerNames.member.1", loadBalancer));
        }

        parameters.AddRange(extra);
        await api.CallAsync("autoscaling", "CreateAutoScalingGroup", [.. parameters]);
    }

    /// <summary>Waits until the group has exactly <paramref name="count"/> instances, all InService and in service in its load balancers.</summary>
    public static Task WaitInServiceAsync(LocalAwsServer aws, string group, int count, string? loadBalancer = null) =>
        aws.WaitUntilAsync(
            s => s.Groups[group].Members.Count == count && s.Groups[group].Members.All(m => m.Lifecycle == "InService")
                && (loadBalancer is null || s.LoadBalancers[loadBalancer].Instances.Values.Count(h => h.State == "InService") == count),
            TimeSpan.FromSeconds(30),
            $"{count} instances InService in {group}");

    public static IReadOnlyList<string> Members(LocalAwsServer aws, string group) =>
        aws.Inspect(s => s.Groups[group].Members.Select(m => m.InstanceId).ToList());

    /// <summary>A directory with www/ files to make an image from.</summary>
    public static string AppDirectory(string body, bool healthy = true)
    {
        var dir = Directory.CreateTempSubdirectory("localaws-app-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "www"));
        File.WriteAllText(Path.Combine(dir, "www", "index.html"), body);
        if (healthy)
        {
            File.WriteAllText(Path.Combine(dir, "www", "healthcheck.html"), "OK");
        }

        return dir;
    }
}
