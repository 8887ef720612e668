using System.Diagnostics;
using LocalAws;
using LocalAws.Hosts;

// Time to InService (and in service behind the load balancer) for 1 and N instances with real sshd + web
// hosts, memory, and teardown time. Usage: dotnet run -c Release --project bench/LocalAws.Benchmarks [-- 1 20]
var counts = args.Length > 0 && args[0] != "--exit-without-dispose" ? args.Select(int.Parse).ToArray() : [1, 20];
if (args.Contains("--exit-without-dispose"))
{
    // Shows that a process exiting without disposing its server still kills its sshd processes.
    var leaked = await LocalAwsServer.StartAsync(new LocalAwsOptions { Port = 0, BootTime = TimeSpan.Zero, Tick = TimeSpan.FromMilliseconds(50) });
    await Scenario.LaunchAsync(leaked, 2);
    await leaked.WaitUntilAsync(s => s.Instances.Values.Count(i => i.State == "running") == 2, TimeSpan.FromSeconds(30), "running");
    Console.WriteLine($"sshd pids: {string.Join(' ', leaked.SshdProcessIds)} (exiting without dispose)");
    return;
}

Console.WriteLine("instances  to-running  to-InService  to-LB-InService  working-set-MB  sshd-rss-MB  teardown");
foreach (var n in counts)
{
    await Scenario.RunAsync(n);
}

internal static class Scenario
{
    public static async Task RunAsync(int n)
    {
        var aws = await LocalAwsServer.StartAsync(new LocalAwsOptions { Port = 0, BootTime = TimeSpan.Zero, Tick = TimeSpan.FromMilliseconds(50), TimeScale = 0.05 });
        var clock = Stopwatch.StartNew();
        await LaunchAsync(aws, n);
        await aws.WaitUntilAsync(s => s.Instances.Values.Count(i => i.State == "running") == n, TimeSpan.FromSeconds(60), "running");
        var running = clock.Elapsed;
        await aws.WaitUntilAsync(s => s.Groups["bench"].Members.Count(m => m.Lifecycle == "InService") == n, TimeSpan.FromSeconds(60), "InService");
        var inService = clock.Elapsed;
        await aws.WaitUntilAsync(s => s.LoadBalancers["bench"].Instances.Values.Count(h => h.State == "InService") == n, TimeSpan.FromSeconds(60), "LB InService");
        var lb = clock.Elapsed;
        GC.Collect();
        var workingSet = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
        var sshdRss = ProcessTree.Descendants(aws.SshdProcessIds).Sum(Rss) / 1024.0;
        var teardown = Stopwatch.StartNew();
        await aws.DisposeAsync();
        Console.WriteLine($"{n,9}  {running.TotalSeconds,9:0.00}s  {inService.TotalSeconds,11:0.00}s  {lb.TotalSeconds,14:0.00}s  {workingSet,14:0}  {sshdRss,11:0.0}  {teardown.Elapsed.TotalSeconds,6:0.00}s");
    }

    public static Task LaunchAsync(LocalAwsServer aws, int n)
    {
        aws.Mutate(_ => { });
        var calls = new[]
        {
            ("ec2", new Dictionary<string, string> { ["Action"] = "CreateLaunchTemplate", ["LaunchTemplateName"] = "bench", ["LaunchTemplateData.ImageId"] = aws.BaseImageId, ["LaunchTemplateData.InstanceType"] = "t3.micro" }),
            ("elb", new Dictionary<string, string> { ["Action"] = "CreateLoadBalancer", ["LoadBalancerName"] = "bench", ["Listeners.member.1.Protocol"] = "HTTP", ["Listeners.member.1.LoadBalancerPort"] = "80", ["Listeners.member.1.InstancePort"] = "80" }),
            ("elb", new Dictionary<string, string> { ["Action"] = "ConfigureHealthCheck", ["LoadBalancerName"] = "bench", ["HealthCheck.Target"] = "HTTP:80/healthcheck.html", ["HealthCheck.Interval"] = "5", ["HealthCheck.Timeout"] = "2", ["HealthCheck.UnhealthyThreshold"] = "2", ["HealthCheck.HealthyThreshold"] = "2" }),
            ("autoscaling", new Dictionary<string, string> { ["Action"] = "CreateAutoScalingGroup", ["AutoScalingGroupName"] = "bench", ["LaunchTemplate.LaunchTemplateName"] = "bench", ["MinSize"] = "0", ["MaxSize"] = $"{n}", ["DesiredCapacity"] = $"{n}", ["LoadBalancerNames.member.1"] = "bench", ["HealthCheckType"] = "ELB", ["HealthCheckGracePeriod"] = "300" }),
        };
        foreach (var (service, parameters) in calls)
        {
            var api = aws.Services.First(s => s.Name == service);
            api.Invoke(new LocalAws.Api.QueryRequest(parameters, api.IsEc2), "bench");
        }

        return Task.CompletedTask;
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
