using System.Diagnostics;
using System.Globalization;
using Cake.FabulAWS.Configuration;
using Deploy.Benchmarks;

// DeploySerial (launch-first batch 1 and 25%, fabulaws) and FabulAWS's own deploy_serial replayed with its sleeps
// scaled, against the lower bound of each; DeployFull's upgrade page window against deploy_worker; AWS calls per
// poll. All on LocalAws with real instance hosts and scaled time, driven in-process (no dotnet cake start-up).
// Usage: dotnet run -c Release --project bench/Deploy.Benchmarks [-- sizes=2,8 runs=1 scale=0.05 boot=1 poll=100 lb=tg|classic]
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);
var sizes = Option("sizes", "2,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var runs = int.Parse(Option("runs", "1"), CultureInfo.InvariantCulture);
var settings = new BenchSettings
{
    TimeScale = double.Parse(Option("scale", "0.05"), CultureInfo.InvariantCulture),
    Boot = TimeSpan.FromSeconds(double.Parse(Option("boot", "1"), CultureInfo.InvariantCulture)),
    PollMilliseconds = int.Parse(Option("poll", "100"), CultureInfo.InvariantCulture),
    Classic = Option("lb", "tg") == "classic",
};

// The add-in's AWS clients read credentials like the AWS CLI: LocalAws accepts any; nothing from ~/.aws.
var scratch = Directory.CreateTempSubdirectory("fabulaws-deploy-bench-").FullName;
File.SetUnixFileMode(scratch, (UnixFileMode)Convert.ToInt32("755", 8)); // sshd reads authorized_keys below it as fabdeploy
foreach (var (name, value) in new Dictionary<string, string?>
{
    ["AWS_ACCESS_KEY_ID"] = "localaws", ["AWS_SECRET_ACCESS_KEY"] = "localaws", ["AWS_SESSION_TOKEN"] = null, ["AWS_PROFILE"] = null,
    ["AWS_CONFIG_FILE"] = Path.Combine(scratch, "aws-config"), ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(scratch, "aws-credentials"),
    ["AWS_EC2_METADATA_DISABLED"] = "true", ["AWS_MAX_ATTEMPTS"] = null, ["AWS_RETRY_MODE"] = null, ["FABULAWS_SSH_KEY"] = null, ["GITHUB_ACTIONS"] = null,
})
{
    Environment.SetEnvironmentVariable(name, value);
}

var logPath = Path.Combine(Path.GetTempPath(), $"deploy-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
var clock = Stopwatch.StartNew();
var runner = new Runner(settings, clock, logPath);
Console.WriteLine($"Deploy benchmark: {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}, {runs} run(s) (median shown)");
Console.WriteLine(settings.Describe());
Console.WriteLine($"deploy log: {logPath}");
var serial = new List<List<SerialCase>>();
var full = new List<List<FullCase>>();
var warmed = false;
foreach (var size in sizes)
{
    await using var fleet = await BenchFleet.StartAsync(settings, size, Path.Combine(scratch, $"group-{size}"));
    if (!warmed)
    {
        await runner.SerialAsync(fleet, "warm-up (not counted)", SerialStrategy.LaunchFirst, new SerialSettings()); // JIT, first SSH and SDK calls
        warmed = true;
    }

    var cases = new List<Func<Task<SerialCase>>>
    {
        () => runner.SerialAsync(fleet, "launch-first, batch 1", SerialStrategy.LaunchFirst, new SerialSettings { BatchSize = 1 }),
        () => runner.SerialAsync(fleet, "launch-first, batch 25%", SerialStrategy.LaunchFirst, new SerialSettings { MaxSurgePercent = 25 }),
        () => runner.SerialAsync(fleet, "fabulaws (conditions)", SerialStrategy.FabulAws, new SerialSettings()),
        () => runner.FabulAwsOriginalAsync(fleet),
    };
    var measured = cases.Select(_ => new List<SerialCase>()).ToList();
    var fulls = new List<FullCase>();
    for (var run = 0; run < runs; run++)
    {
        for (var i = 0; i < cases.Count; i++)
        {
            measured[i].Add(await cases[i]());
        }

        fulls.Add(await runner.FullAsync(fleet));
    }

    serial.AddRange(measured);
    full.Add(fulls);
}

static T Median<T>(List<T> runs, Func<T, TimeSpan> by) => runs.OrderBy(by).ElementAt(runs.Count / 2);
static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

Console.WriteLine();
Console.WriteLine("Serial deploys (replacement = the Replace phases; lower bound = rounds x round, see README):");
Console.WriteLine();
Console.WriteLine("| group | strategy | rounds | whole deploy | replacement | lower bound | replacement / lower bound | min healthy in LB | failed requests |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
var serialRows = serial.Select(r => Median(r, c => c.Replacement)).ToList();
foreach (var c in serialRows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {c.Size} | {c.Label} | {c.Rounds} | {S(c.Deploy)} | {S(c.Replacement)} | {S(c.LowerBound)} | {c.Ratio:0.00} | {c.MinHealthy} of {c.Size} | {c.Failed} of {c.Answers}{(c.Finished ? string.Empty : " (NOT FINISHED)")} |"));
}

Console.WriteLine();
Console.WriteLine(
    $"FabulAWS's sleep(45) alone, scaled: {S(settings.Scaled(FabulAwsOriginal.SleepAfterOutOfService))} per instance; additive model (fabulaws measured + N x 45 s x TimeScale): "
    + string.Join(", ", serialRows.Where(c => c.Label.StartsWith("fabulaws", StringComparison.Ordinal)).Select(c => $"{c.Size}: {S(c.Replacement + (c.Size * settings.Scaled(FabulAwsOriginal.SleepAfterOutOfService)))}")));

Console.WriteLine();
Console.WriteLine("AWS calls during the replacement of launch-first batch 1, by action (polls = DescribeScalingActivities: one per GroupObserver poll):");
Console.WriteLine();
var perPoll = serialRows.Where(c => c.Label == "launch-first, batch 1").ToList();
Console.WriteLine("| action | " + string.Join(" | ", perPoll.Select(c => $"group of {c.Size}: calls | per poll | per round")) + " |");
Console.WriteLine("| --- |" + string.Concat(perPoll.Select(_ => " --- | --- | --- |")));
Console.WriteLine("| polls | " + string.Join(" | ", perPoll.Select(c => $"{c.Polls} | 1 | {c.Polls / (double)c.Rounds:0.0}".ToString(CultureInfo.InvariantCulture))) + " |");
foreach (var action in perPoll.SelectMany(c => c.ReplacementCalls.Keys).Distinct().OrderByDescending(a => perPoll.Max(c => c.ReplacementCalls.GetValueOrDefault(a))).ThenBy(a => a, StringComparer.Ordinal))
{
    Console.WriteLine($"| {action} | " + string.Join(" | ", perPoll.Select(c =>
    {
        var n = c.ReplacementCalls.GetValueOrDefault(action);
        return string.Create(CultureInfo.InvariantCulture, $"{n} | {n / (double)Math.Max(c.Polls, 1):0.00} | {n / (double)c.Rounds:0.0}");
    })) + " |");
}

Console.WriteLine();
Console.WriteLine($"DeployFull: the upgrade page window users saw (first page answer to first answer of the new version, user every {settings.UserEvery.TotalMilliseconds:0} ms) against deploy_worker (`sleep {settings.WorkerSleepSeconds}` over SSH):");
Console.WriteLine();
Console.WriteLine($"| group | deploy_worker phase | page window | window / deploy_worker | inside the window: show page + worker + register & healthy + old out + page down | new instances checked (FabulAWS: sleep(120) = {S(settings.Scaled(120))}) | whole DeployFull | what users saw |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var c in full.Select(r => Median(r, c => c.Window)))
{
    var inside = string.Join(" + ", new[] { "Show the upgrade page", "deploy_worker", "Register the new instances", "Take the old instances out", "Take the upgrade page down" }.Select(p => S(c.Phase(p))));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {c.Size} | {S(c.Worker)} | {S(c.Window)} | {c.Window / c.Worker:0.00} | {inside} | {S(c.Phase("Check the new instances answer"))} | {S(c.Deploy)} | {c.Seen}{(c.Finished ? string.Empty : " (NOT FINISHED)")} |"));
}

Console.WriteLine();
Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0} s; load average {LoadAverage()}");
try
{
    Directory.Delete(scratch, recursive: true);
}
catch (IOException)
{
    // left for the temp cleaner
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
