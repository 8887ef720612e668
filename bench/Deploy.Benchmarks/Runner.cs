using System.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;

namespace Deploy.Benchmarks;

/// <summary>One serial replacement as measured.</summary>
internal sealed record SerialCase(
    string Label,
    int Size,
    int Rounds,
    TimeSpan Deploy,
    TimeSpan Replacement,
    TimeSpan LowerBound,
    int MinHealthy,
    int Answers,
    int Failed,
    IReadOnlyDictionary<string, int> ReplacementCalls,
    bool Finished)
{
    public int Polls => ReplacementCalls.GetValueOrDefault("autoscaling:DescribeScalingActivities");

    public double Ratio => Replacement / LowerBound;
}

/// <summary>One DeployFull as measured: the upgrade page window users saw, and the phases inside it.</summary>
internal sealed record FullCase(int Size, TimeSpan Deploy, TimeSpan Window, TimeSpan Worker, IReadOnlyList<PhaseMark> Phases, string Seen, bool Finished)
{
    public TimeSpan Phase(string prefix) => Phases.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (t, p) => t + (p.End - p.Start));
}

/// <summary>Runs the deploys in-process on the add-in's own services, as its aliases build them, while a user polls the site.</summary>
/// <param name="settings">The run's settings.</param>
/// <param name="clock">The benchmark's clock.</param>
/// <param name="logPath">The deploy log.</param>
internal sealed class Runner(BenchSettings settings, Stopwatch clock, string logPath)
{
    private delegate Task Work(EnvironmentServices services, BenchLog log, CancellationToken cancellationToken);

    public async Task<SerialCase> SerialAsync(BenchFleet fleet, string label, SerialStrategy strategy, SerialSettings serial)
    {
        var release = await fleet.NewReleaseAsync();
        var target = fleet.Target with { Serial = serial with { Strategy = strategy }, DeployWorkerCommands = [] };
        var rounds = strategy == SerialStrategy.FabulAws ? fleet.Size : (int)Math.Ceiling(fleet.Size / (double)serial.RoundSize(fleet.Size));
        var lowerBound = strategy == SerialStrategy.FabulAws ? fleet.Size * settings.MarkUnhealthyRound : rounds * settings.LaunchFirstRound;
        return await SerialCaseAsync(fleet, label, rounds, lowerBound, target, release.LaunchSource.LaunchTemplateVersion!, (services, _, ct) =>
            new SerialDeployWorkflow(services).RunAsync(new DeploySettings { Release = release, Strategy = strategy }, ct));
    }

    public async Task<SerialCase> FabulAwsOriginalAsync(BenchFleet fleet)
    {
        var release = await fleet.NewReleaseAsync();
        var target = fleet.Target with { DeployWorkerCommands = [] };
        return await SerialCaseAsync(fleet, "FabulAWS 1.0.16 replayed (sleeps scaled)", fleet.Size, fleet.Size * settings.MarkUnhealthyRound, target, release.LaunchSource.LaunchTemplateVersion!, (services, log, ct) =>
            FabulAwsOriginal.RunAsync(services, release.LaunchSource, settings, log, ct));
    }

    public async Task<FullCase> FullAsync(BenchFleet fleet)
    {
        var oldBody = fleet.Serving;
        var release = await fleet.NewReleaseAsync();
        var newBody = fleet.Serving;
        var (marks, answers, duration) = await MeasureAsync(fleet, $"DeployFull, group of {fleet.Size}", fleet.Target, (services, _, ct) =>
            new FullDeployWorkflow(services).RunAsync(new DeploySettings { Release = release }, ct));
        var letters = answers.Select(a =>
            a.Status == 200 && a.Body.Contains(oldBody, StringComparison.Ordinal) ? 'A'
            : a.Status == 503 && a.Body.Contains(BenchFleet.UpgradeMessage, StringComparison.Ordinal) ? 'P'
            : a.Status == 200 && a.Body.Contains(newBody, StringComparison.Ordinal) ? 'B'
            : 'X').ToList();
        var firstPage = letters.IndexOf('P');
        var firstNew = letters.IndexOf('B');
        var window = firstPage >= 0 && firstNew > firstPage ? answers[firstNew].At - answers[firstPage].At : TimeSpan.Zero;
        var worker = marks.FirstOrDefault(m => m.Name == "deploy_worker") is { } w ? w.End - w.Start : TimeSpan.Zero;
        return new FullCase(fleet.Size, duration, window, worker, marks, Compress(letters), Finished(fleet, release.LaunchSource.LaunchTemplateVersion!));
    }

    /// <summary>Runs of the same letter as letter x count: AAAPPPB becomes A x3 P x3 B x1.</summary>
    private static string Compress(IReadOnlyList<char> letters)
    {
        var parts = new List<string>();
        for (var i = 0; i < letters.Count;)
        {
            var j = i;
            while (j < letters.Count && letters[j] == letters[i])
            {
                j++;
            }

            parts.Add($"{letters[i]}x{j - i}");
            i = j;
        }

        return string.Join(' ', parts);
    }

    private static bool Finished(BenchFleet fleet, string version) => fleet.Aws.Inspect(s =>
        s.Groups[BenchFleet.Group].Members.Count == fleet.Size && s.Groups[BenchFleet.Group].Members.All(m => m.LaunchTemplate?.Version == version));

    private async Task<SerialCase> SerialCaseAsync(BenchFleet fleet, string label, int rounds, TimeSpan lowerBound, DeploymentTarget target, string version, Work work)
    {
        var (marks, answers, duration) = await MeasureAsync(fleet, $"{label}, group of {fleet.Size}", target, work);
        var replace = marks.Where(m => m.Name.StartsWith("Replace", StringComparison.Ordinal)).ToList();
        var first = replace[0];
        var last = replace[^1];
        var calls = last.CountsAtEnd.ToDictionary(kv => kv.Key, kv => kv.Value - first.CountsAtStart.GetValueOrDefault(kv.Key));
        var samples = fleet.Aws.Metrics.Timeline.Where(t => t.Time >= first.UtcStart && t.Time <= last.UtcEnd).ToList();
        var minHealthy = samples.Count == 0 ? -1 : samples.Min(t => t.LoadBalancers.GetValueOrDefault(BenchFleet.LoadBalancer));
        return new SerialCase(label, fleet.Size, rounds, duration, last.End - first.Start, lowerBound, minHealthy, answers.Count, answers.Count(a => a.Status != 200),
            calls.Where(kv => kv.Value > 0).ToDictionary(), Finished(fleet, version));
    }

    private async Task<(IReadOnlyList<PhaseMark> Marks, IReadOnlyList<SiteAnswer> Answers, TimeSpan Duration)> MeasureAsync(BenchFleet fleet, string what, DeploymentTarget target, Work work)
    {
        using var log = new BenchLog(logPath, clock, () => fleet.Aws.Metrics.RequestCounts);
        log.Line($"---------- {what}");
        Console.Error.WriteLine($"  {what} ...");
        IReadOnlyList<SiteAnswer> answers;
        var started = clock.Elapsed;
        await using (var user = new SiteUser(fleet.Site, settings.UserEvery, clock))
        {
            using (var services = EnvironmentServicesFactory.Create(new BenchContext(log), target, new EnvironmentOptions { LogDirectory = Path.Combine(fleet.Root, "ssh-logs") }))
            {
                await work(services, log, CancellationToken.None);
            }

            answers = user.Answers;
        }

        var duration = clock.Elapsed - started;
        Console.Error.WriteLine($"  {what}: {duration.TotalSeconds:0.00} s");
        return (log.Marks, answers, duration);
    }
}
