// The Demo target: starts LocalAws (the bundled loopback AWS) with the demo environment of fabulaws-config.yml
// ("local"), then drives the add-in's aliases against it and shows what users would see through the load balancer.
using System.Diagnostics;
using System.Net.Http;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;

public static class Demo
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private const double TimeScale = 0.2;

    public static async Task RunAsync(ICakeContext context, BuildParameters parameters)
    {
        var root = parameters.RepositoryRoot;
        var work = root.Combine("artifacts/demo");
        context.EnsureDirectoryExists(work);
        context.CleanDirectory(work);
        var key = work.CombineWithFilePath("id_ed25519").FullPath;
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fabulaws-demo", "-f", key);

        var config = context.FabulAwsLoadConfig(parameters.ConfigFile);
        var endpoint = config.Resolve("local").EndpointUrl ?? throw new CakeException("The demo needs endpoint_urls/local in fabulaws-config.yml.");

        // LocalAws accepts any credentials; the demo's SSH key is the one its instances authorize.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "localaws-demo");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "localaws-demo");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("FABULAWS_SSH_KEY", key);
        var target = config.Resolve("local");

        context.DotNetBuild(root.CombineWithFilePath("src/LocalAws/LocalAws.csproj").FullPath, new DotNetBuildSettings { Configuration = "Release", Verbosity = DotNetVerbosity.Quiet });
        using var localAws = StartLocalAws(context, root, work, endpoint, key + ".pub");
        try
        {
            await WaitForApiAsync(localAws, endpoint);
            using var aws = AwsClientFactory.Create(new AwsConnectionSettings { Region = target.Region, EndpointUrl = endpoint.ToString() });
            var loadBalancer = (await aws.Provisioning.DescribeClassicLoadBalancersAsync(target.LoadBalancerNames)).Single();
            var site = new Uri($"http://{loadBalancer.DnsName}:8080/");

            context.Information("1. The group {0} starts its instances behind {1} ({2}).", target.AutoScalingGroupName, loadBalancer.Name, site);
            await WaitForServingAsync(context, aws, target, loadBalancer.Name);
            await ShowSiteAsync(context, site, expectedStatus: 200);

            context.Information("2. UpdateServerPasswords pushes the secrets of fabsecrets_local.yml to every server.");
            WriteDemoSecrets(root, target);
            await context.FabulAwsUpdateServerPasswordsAsync(target);

            context.Information("3. The upgrade page goes up: users get 503 with it, the load balancer keeps every instance in service.");
            await context.FabulAwsBeginUpgradeAsync(target);
            await ShowSiteAsync(context, site, expectedStatus: 503);
            await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(3)); // three health-check intervals at --time-scale 0.2
            await WaitForServingAsync(context, aws, target, loadBalancer.Name);

            context.Information("4. The upgrade page comes down: the site is back.");
            var before = await InServiceAsync(aws, target);
            await context.FabulAwsEndUpgradeAsync(target);
            await ShowSiteAsync(context, site, expectedStatus: 200);
            await KeepsItsInstancesAsync(context, aws, target, loadBalancer, before);
            context.Information("Demo done. Per-host logs: {0}", root.Combine("fabulaws-logs/local").FullPath);
        }
        finally
        {
            Stop(localAws);
        }
    }

    private static Process StartLocalAws(ICakeContext context, DirectoryPath root, DirectoryPath work, Uri endpoint, string authorizedKeys)
    {
        var dll = root.CombineWithFilePath("src/LocalAws/bin/Release/net10.0/LocalAws.dll").FullPath;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[]
        {
            dll, "--port", endpoint.Port.ToString(), "--seed", root.CombineWithFilePath("deploy/localaws-seed.json").FullPath,
            "--authorized-keys", authorizedKeys, "--data-dir", work.Combine("localaws").FullPath, "--time-scale", TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new CakeException("Could not start LocalAws.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) context.Verbose("[localaws] {0}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) context.Information("[localaws] {0}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForApiAsync(Process localAws, Uri endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (localAws.HasExited)
            {
                throw new CakeException($"LocalAws exited with code {localAws.ExitCode} before answering on {endpoint} (is the port taken? see the [localaws] lines above).");
            }

            try
            {
                using var answer = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "DescribeRegions", ["Version"] = "2016-11-15" }));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new CakeException($"LocalAws did not answer on {endpoint} within {Deadline.TotalSeconds} s.");
            }

            await System.Threading.Tasks.Task.Delay(250);
        }
    }

    // Waits until the group has its desired capacity in service and the load balancer sees every instance healthy.
    private static async Task WaitForServingAsync(ICakeContext context, AwsServices aws, DeploymentTarget target, string loadBalancer)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var group = await aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName)
                ?? throw new CakeException($"Auto Scaling group {target.AutoScalingGroupName} is missing from LocalAws: check deploy/localaws-seed.json.");
            var inService = group.Instances.Where(i => i.IsInService).Select(i => i.InstanceId).ToList();
            var health = inService.Count == 0 ? new List<InstanceHealth>() : (await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.Classic(loadBalancer), inService)).ToList();
            if (inService.Count == group.DesiredCapacity && health.All(h => h.Health == BackendHealth.Healthy))
            {
                context.Information("   {0} of {1} instances in service and healthy: {2}", inService.Count, group.DesiredCapacity, string.Join(", ", inService));
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new CakeException($"The demo group did not reach {group.DesiredCapacity} healthy instances within {Deadline.TotalSeconds} s: " +
                    string.Join(", ", group.Instances.Select(i => $"{i.InstanceId} {i.LifecycleState}")));
            }

            await System.Threading.Tasks.Task.Delay(500);
        }
    }

    private static async Task<List<string>> InServiceAsync(AwsServices aws, DeploymentTarget target) =>
        (await aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName)).Instances.Where(i => i.IsInService).Select(i => i.InstanceId).OrderBy(i => i).ToList();

    // The load balancer must keep every instance once the upgrade page is gone: nothing of the application was
    // removed with it. Watching for as long as it would take to fail them (unhealthy threshold + 2 checks) shows it.
    private static async Task KeepsItsInstancesAsync(ICakeContext context, AwsServices aws, DeploymentTarget target, ClassicLoadBalancer loadBalancer, List<string> before)
    {
        var check = loadBalancer.HealthCheck;
        var watch = TimeSpan.FromSeconds(check.IntervalSeconds * (check.UnhealthyThreshold + 2) * TimeScale);
        await System.Threading.Tasks.Task.Delay(watch);
        var after = await InServiceAsync(aws, target);
        var health = await aws.LoadBalancing.GetHealthAsync(LoadBalancerRef.Classic(loadBalancer.Name), after);
        if (!after.SequenceEqual(before) || health.Any(h => h.Health != BackendHealth.Healthy))
        {
            throw new CakeException($"After the upgrade page came down the group changed: before {string.Join(", ", before)}, after {string.Join(", ", after)} ({string.Join(", ", health.Select(h => $"{h.InstanceId} {h.Health}"))}).");
        }

        context.Information("   instances kept after {0:0.#} s ({1} health checks): {2}", watch.TotalSeconds, check.UnhealthyThreshold + 2, string.Join(", ", after));
    }

    private static async Task ShowSiteAsync(ICakeContext context, Uri site, int expectedStatus)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var answer = await http.GetAsync(site);
        var body = await answer.Content.ReadAsStringAsync();
        var title = System.Text.RegularExpressions.Regex.Match(body, "<h1>(.*?)</h1>").Groups[1].Value;
        context.Information("   GET {0} -> {1} \"{2}\"", site, (int)answer.StatusCode, title);
        if ((int)answer.StatusCode != expectedStatus)
        {
            throw new CakeException($"The demo expected {expectedStatus} from {site} but got {(int)answer.StatusCode}.");
        }
    }

    // fabsecrets_local.yml is ignored by git; the demo makes one with a random value, owner-only as required.
    private static void WriteDemoSecrets(DirectoryPath root, DeploymentTarget target)
    {
        var file = root.CombineWithFilePath("fabsecrets_local.yml").FullPath;
        if (System.IO.File.Exists(file))
        {
            return;
        }

        using (System.IO.File.Create(file, 4096, FileOptions.None)) { }
        System.IO.File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.WriteAllLines(file, target.PasswordNames.Select(name => $"{name}: \"{Guid.NewGuid():N}\""));
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            Run("kill", "-TERM", process.Id.ToString()); // LocalAws stops its sshd and web servers on SIGTERM
            if (!process.WaitForExit(15000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CakeException($"Could not start {file}.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new CakeException($"{file} failed ({process.ExitCode}): {error}");
        }
    }
}
