using System.Diagnostics;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using LocalAws.Hosts;

namespace Cake.FabulAWS.Benchmarks;

/// <summary>Times one step (connect + <c>sleep 1</c> + disconnect) on the first N hosts of the fleet.</summary>
internal static class FanOutBenchmark
{
    public static async Task<double> RunAsync(LoopbackFleet fleet, int hosts, int concurrency, int runs)
    {
        var settings = new SshSettings(LocalUsers.DeployUser)
        {
            Port = 2222,
            KeyPath = fleet.ClientKey,
            KnownHostsPath = fleet.KnownHosts,
            Concurrency = concurrency,
            LogDirectory = Path.Combine(fleet.Root.FullName, "logs"),
            UseConsoleOutputHostKeys = false,
        };
        var targets = fleet.Addresses.Take(hosts).Select(a => new RemoteHost(a)).ToList();
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var step = await new SshRemoteHosts(settings, new QuietLog()).OpenAsync(targets))
            {
                await step.RunAsync(RemoteCommand.Of("sleep", "1"));
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private sealed class QuietLog : ICakeLog
    {
        public Verbosity Verbosity { get; set; } = Verbosity.Quiet;

        public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
        {
        }
    }
}
