using System.Diagnostics;
using System.Text.RegularExpressions;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;

namespace Cake.FabulAWS.IntegrationTests.LocalAws;

/// <summary>The standalone server: command line, seed file, watch view, and a clean stop on SIGTERM.</summary>
public sealed partial class StandaloneTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("localaws-standalone-").FullName;
    private Process? process;

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
        Directory.Delete(work, recursive: true);
    }

    [GeneratedRegex(@"listening on (\S+) \(data (\S+),")]
    private static partial Regex Banner();

    [Fact]
    public async Task Should_Seed_Watch_And_Stop_Every_Host_On_Sigterm()
    {
        // Given
        var seed = Path.Combine(work, "seed.json");
        await File.WriteAllTextAsync(seed, """
            [
              { "Service": "ec2", "Action": "CreateLaunchTemplate", "Parameters": { "LaunchTemplateName": "web", "LaunchTemplateData.ImageId": "${BaseImageId}" } },
              { "Service": "autoscaling", "Action": "CreateAutoScalingGroup", "Parameters": { "AutoScalingGroupName": "web", "LaunchTemplate.LaunchTemplateName": "web", "MinSize": "2", "MaxSize": "2" } }
            ]
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "LocalAws.dll"), "--port", "0", "--seed", seed, "--tick", "50", "--boot-time", "0.05", "--watch" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        var banner = Banner().Match(await process.StandardOutput.ReadLineAsync() ?? string.Empty);
        Assert.True(banner.Success, "no banner");
        var (endpoint, dataDirectory) = (new Uri(banner.Groups[1].Value), banner.Groups[2].Value);
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        });
        using var api = new QueryClient(endpoint);

        // When
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await api.CallAsync("autoscaling", "DescribeAutoScalingGroups")).All("LifecycleState").Count(e => e.Value == "InService") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the seeded group never reached 2 InService instances");
            await Task.Delay(100);
        }

        // a watch frame drawn after both instances went InService
        var frameDeadline = DateTime.UtcNow.AddSeconds(30);
        while (InServiceRows(output) < 2)
        {
            Assert.True(DateTime.UtcNow < frameDeadline, "no watch frame showed both instances InService:\n" + output);
            await Task.Delay(50);
        }

        var sshd = Directory.EnumerateDirectories("/proc").Count(d => File.Exists(Path.Combine(d, "cmdline")) && SafeRead(Path.Combine(d, "cmdline")).Contains(dataDirectory, StringComparison.Ordinal));
        global::LocalAws.Hosts.ProcessTree.Signal(process.Id, 15); // SIGTERM
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await reading;

        // Then
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(2, sshd);
        Assert.Matches(@"group web  min 2 max 2 desired 2", output.ToString());
        Assert.Matches(@"i-\w+  127\.[\d.]+\s+InService\s+Healthy", output.ToString());
        Assert.False(Directory.Exists(dataDirectory), "the temp data directory is deleted");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), d => SafeRead(Path.Combine(d, "cmdline")).Contains(dataDirectory, StringComparison.Ordinal));
    }

    private static int InServiceRows(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return Regex.Matches(output.ToString(), @"i-\w+  127\.[\d.]+\s+InService\s+Healthy").Count;
        }
    }

    private static string SafeRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
