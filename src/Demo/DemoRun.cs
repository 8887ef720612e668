using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Demo.Report;
using LocalAws;
using LocalAws.Hosts;

namespace Demo;

/// <summary>
/// One demo: LocalAws with the seeded environment, the throwaway clone, the client on the load balancer, then the real
/// targets in order (CreateLaunchConfig, DeployFull, a code change, CreateLaunchConfig, DeploySerial), then the report.
/// Every ending (done, a target failing, Ctrl-C, SIGTERM) goes through the same cleanup: the client stopped, child runs
/// stopped, LocalAws disposed (its sshd and web servers with it), the work folder swept and deleted.
/// </summary>
internal sealed class DemoRun
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly DemoOptions options;
    private readonly Terminal terminal;
    private readonly Interrupts interrupts;
    private readonly Stopwatch clock = new();
    private readonly List<PhaseRecord> phases = [];
    private LocalAwsServer? aws;
    private SitePoller? client;
    private PipelineRunner? runner;
    private DemoConfig? config;
    private bool createdWork;
    private string? keptAfterUpgradePage;

    public DemoRun(DemoOptions options, Terminal terminal, Interrupts interrupts)
    {
        this.options = options;
        this.terminal = terminal;
        this.interrupts = interrupts;
    }

    private const string KeptPhase = "Upgrade page gone: the group keeps its instances";

    private CancellationToken Cancel => interrupts.Token;

    public async Task<DemoReport> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        clock.Start();
        string? error = null;
        double? clientStart = null;
        var work = options.WorkDirectory;
        using var ticker = new CancellationTokenSource();
        Task? status = null;
        try
        {
            if (Directory.Exists(work))
            {
                throw new InvalidOperationException($"The work folder {work} exists already: the demo makes and deletes its own.");
            }

            Directory.CreateDirectory(work);
            createdWork = true;
            File.SetUnixFileMode(work, (UnixFileMode)Convert.ToInt32("755", 8)); // the instance hosts' sshd reads authorized_keys in it as fabdeploy
            PrepareReportDirectory();
            config = DemoConfig.Load(Path.Combine(options.RepositoryRoot, "fabulaws-config.yml"));
            terminal.Step($"FabulAWS demo: environment '{DemoConfig.Environment}' of fabulaws-config.yml on LocalAws; work folder {work}");
            terminal.Info($"report and logs: {options.ReportDirectory}");

            var key = Path.Combine(work, "id_ed25519");
            var seed = Path.Combine(options.RepositoryRoot, "deploy", "localaws-seed.json");
            await PhaseAsync("Start LocalAws with its seed", async () =>
            {
                await Prerequisites.EnsureAsync(terminal, Cancel);
                await KeyGen.CreateAsync(key, comment: "fabulaws-demo", cancellationToken: Cancel);
                aws = await LocalAwsServer.StartAsync(
                    new LocalAwsOptions
                    {
                        Port = 0,
                        TimeScale = options.TimeScale,
                        Tick = TimeSpan.FromMilliseconds(100),
                        AuthorizedKeys = [await File.ReadAllTextAsync(key + ".pub", Cancel)],
                        DataDirectory = Path.Combine(work, "localaws"),
                        SeedFile = options.CreateEnvironment ? SeedFile.WithoutGroups(seed, Path.Combine(work, "seed-without-groups.json")) : seed,
                    },
                    Cancel);
                terminal.Info($"LocalAws listens on {aws.Endpoint} (time scale {options.TimeScale.ToString(CultureInfo.InvariantCulture)}: the seed's 5 s health checks take {5 * options.TimeScale:0.#} s)");
            });

            var upgradePage = await File.ReadAllTextAsync(Path.Combine(options.RepositoryRoot, config.UpgradePage), Cancel);
            client = new SitePoller(SiteOrNull, options.PollEvery, Now, upgradePage);
            clientStart = Now();
            status = StatusAsync(ticker.Token);
            terminal.Info($"a client polls the load balancer {config.LoadBalancer} every {options.PollEvery.TotalMilliseconds:0} ms from now on");

            DemoApp app = null!;
            await PhaseAsync("Clone the demo app (bare origin)", async () =>
            {
                app = await DemoApp.CreateAsync(options.RepositoryRoot, work, config, aws!.Endpoint, options.TargetPollMilliseconds, Cancel);
                terminal.Info($"{app.Clone} (origin {app.Origin}) at {await app.HeadAsync(Cancel)}: environment local points at {aws.Endpoint}");
            });
            runner = new PipelineRunner(options.RepositoryRoot, app.ConfigFile, ChildEnvironment(work, key), Path.Combine(options.ReportDirectory, "logs"), terminal, options.StopGrace);

            // The environment: LocalAws's seed made the group; or CreateEnvironment makes it (--create-environment, with a
            // seed without the group and the worker), baking version 1 and bringing it up with its own DeployFull.
            if (options.CreateEnvironment)
            {
                await TargetAsync("CreateEnvironment (bake version 1, DeployFull)", "CreateEnvironment");
                await PhaseAsync(KeptPhase, WatchInstancesKeptAsync);
            }
            else
            {
                await PhaseAsync($"Seeded group {config.Group} serving", WaitUntilServingAsync);
                await TargetAsync("CreateLaunchConfig (bake version 1)", "CreateLaunchConfig");
                await TargetAsync("DeployFull (behind the upgrade page)", ReportBuilder.DeployFull, "--launch-config=" + await ReadLaunchConfigAsync(app));
                await PhaseAsync(KeptPhase, WatchInstancesKeptAsync);
            }

            var version = 0;
            await PhaseAsync("Code change: commit, push", async () =>
            {
                version = await app.ChangeVersionAsync(Cancel);
                terminal.Info($"{DemoApp.Page}: version {version}, committed and pushed to origin as {await app.HeadAsync(Cancel)}");
            });
            await TargetAsync($"CreateLaunchConfig (bake version {version})", "CreateLaunchConfig");
            await TargetAsync("DeploySerial (rolling)", ReportBuilder.DeploySerial, "--launch-config=" + await ReadLaunchConfigAsync(app));

            // the last old instance leaves as DeploySerial ends: what users get afterwards is what the deploy made
            await PhaseAsync("After the deploy: what the client gets", () => AnswersAsync(10));
        }
        catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
        {
            error = $"interrupted by {interrupts.Received}";
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"unexpected {e}"; // a bug of the demo: its stack, and the cleanup below all the same
        }

        // The cleanup: every ending comes here.
        await ticker.CancelAsync();
        if (status is not null)
        {
            await status;
        }

        var (answers, capacity, images, cleanup) = await CleanUpAsync();
        var facts = new RunFacts(startedAt, Now(), client is null || config is null ? "-" : SiteOrNull()?.ToString() ?? config.LoadBalancer, config?.Group ?? "-", options.PollEvery.TotalMilliseconds, options.TimeScale, cleanup)
        {
            KeptAfterUpgradePage = keptAfterUpgradePage,
        };
        var report = ReportBuilder.Build(phases, answers, clientStart, images, capacity, error, facts);
        var text = ReportText.Render(report, Terminal.Width);
        terminal.Block(text);
        await WriteReportAsync(report, text);
        return report;
    }

    private double Now() => clock.Elapsed.TotalSeconds;

    private Uri? SiteOrNull()
    {
        try
        {
            return aws?.LoadBalancerUri(config!.LoadBalancer);
        }
        catch (ArgumentException)
        {
            return null; // not made yet
        }
    }

    private async Task PhaseAsync(string name, Func<Task> body)
    {
        var start = Now();
        terminal.Step($"{phases.Count + 1}. {name}");
        try
        {
            await body();
        }
        finally
        {
            phases.Add(new PhaseRecord(name, null, start, Now()));
            Summary(phases[^1]);
        }
    }

    private async Task TargetAsync(string name, string target, params string[] extra)
    {
        var start = Now();
        terminal.Step($"{phases.Count + 1}. {name}: ./build.sh --target={target}");
        (int ExitCode, string Log)? result = null;
        try
        {
            result = await runner!.RunAsync(target, extra, Cancel, interrupts.Hurry);
        }
        finally
        {
            phases.Add(new PhaseRecord(name, target, start, Now(), result?.ExitCode, result?.Log));
            Summary(phases[^1]);
        }

        if (result.Value.ExitCode != 0)
        {
            throw new InvalidOperationException($"{target} failed (exit code {result.Value.ExitCode}); its output: {result.Value.Log}");
        }
    }

    private void Summary(PhaseRecord phase)
    {
        var answers = client?.Answers.Where(a => a.At >= phase.StartSeconds && a.At < phase.EndSeconds).ToList() ?? [];
        var counts = RequestCounts.Of(answers);
        var versions = string.Join(", ", answers.Where(a => a.Version is not null).Select(a => a.Version).Distinct().Order());
        terminal.Info($"{phase.Name}: {phase.EndSeconds - phase.StartSeconds:0.0} s" + (client is null ? string.Empty
            : $"; the client: {counts.Total} requests, {counts.Served} served{(versions.Length > 0 ? $" (version {versions})" : string.Empty)}, {counts.Failed} failed, {counts.UpgradePage} upgrade page"));
    }

    /// <summary>Every 10 s, one line of what the client sees and what serves, between the child runs' output.</summary>
    private async Task StatusAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var since = Now() - 10;
                var recent = client!.Answers.Where(a => a.At >= since).ToList();
                var counts = RequestCounts.Of(recent);
                var versions = string.Join(", ", recent.Where(a => a.Version is not null).Select(a => a.Version).Distinct().Order());
                var serving = aws!.Inspect(s => s.Groups.TryGetValue(config!.Group, out var g)
                    ? $"{g.Members.Count(m => m.Lifecycle == "InService" && m.Health == "Healthy")} healthy in service of {g.Members.Count}" : "no group yet");
                terminal.Info($"[client, last 10 s] {counts.Served} served{(versions.Length > 0 ? $" (version {versions})" : string.Empty)}, {counts.Failed} failed, {counts.UpgradePage} upgrade page; group: {serving}");
            }
        }
        catch (OperationCanceledException)
        {
            // the demo ended
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = Stopwatch.StartNew();
        string state;
        while (!Serving(out state))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"The seeded group {config!.Group} was not serving within 120 s: {state}");
            }

            await Task.Delay(100, Cancel);
        }

        terminal.Info(state);
    }

    /// <summary>
    /// Once the upgrade page is gone the load balancer must keep every instance: EndUpgrade removed nothing of the
    /// application (FabulAWS's own nginx rule, a folder of its own). Watched for as long as failing them would take,
    /// the unhealthy threshold plus two checks, and failed at the first change.
    /// </summary>
    private async Task WatchInstancesKeptAsync()
    {
        var (before, check) = aws!.Inspect(s => (InService(s), s.LoadBalancers[config!.LoadBalancer].HealthCheck));
        var checks = check.UnhealthyThreshold + 2;
        var watch = TimeSpan.FromSeconds(check.Interval * checks * options.TimeScale);
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < watch)
        {
            await Task.Delay(options.PollEvery, Cancel);
            var (now, notServing) = aws.Inspect(s => (InService(s), before.Where(id => s.LoadBalancers[config!.LoadBalancer].Instances.GetValueOrDefault(id)?.State != "InService").ToList()));
            if (!now.SequenceEqual(before) || notServing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"After the upgrade page came down the group changed within {watched.Elapsed.TotalSeconds:0.#} s: in service before {string.Join(", ", before)}, now {string.Join(", ", now)}; not in service in {config!.LoadBalancer}: {string.Join(", ", notServing.DefaultIfEmpty("none"))}.");
            }
        }

        keptAfterUpgradePage = $"{before.Count} instance(s) kept for {watch.TotalSeconds:0.#} s ({checks} health checks): {string.Join(", ", before)}";
        terminal.Info(keptAfterUpgradePage);
    }

    private async Task AnswersAsync(int count)
    {
        var from = Now();
        var waited = Stopwatch.StartNew();
        int Sent() => client!.Answers.Count(a => a.At >= from);
        while (Sent() < count)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The client got {Sent()} of {count} answers within 30 s after the deploy.");
            }

            await Task.Delay(options.PollEvery, Cancel);
        }
    }

    private List<string> InService(LocalAws.Model.CloudState state) =>
        [.. state.Groups[config!.Group].Members.Where(m => m.Lifecycle == "InService").Select(m => m.InstanceId).Order(StringComparer.Ordinal)];

    private bool Serving(out string state)
    {
        var (ready, text) = aws!.Inspect(s =>
        {
            if (!s.Groups.TryGetValue(config!.Group, out var group) || !s.LoadBalancers.TryGetValue(config.LoadBalancer, out var lb))
            {
                return (false, $"no group {config.Group} or load balancer {config.LoadBalancer} in LocalAws (see deploy/localaws-seed.json)");
            }

            var healthy = group.Members.Count(m => m.Lifecycle == "InService" && m.Health == "Healthy");
            var inLb = lb.Instances.Values.Count(h => h.State == "InService");
            return (group.DesiredCapacity > 0 && healthy == group.DesiredCapacity && inLb >= group.DesiredCapacity,
                $"group {group.Name}: {healthy} of {group.DesiredCapacity} instances healthy in service, {inLb} in service in {lb.Name}");
        });
        state = text;
        return ready;
    }

    private async Task<string> ReadLaunchConfigAsync(DemoApp app) =>
        File.Exists(app.LaunchConfigFile)
            ? (await File.ReadAllTextAsync(app.LaunchConfigFile, Cancel)).Trim()
            : throw new InvalidOperationException($"CreateLaunchConfig wrote no {app.LaunchConfigFile}.");

    /// <summary>The child runs' environment: LocalAws's credentials, the demo's key, nothing of the user's AWS setup.</summary>
    private static Dictionary<string, string?> ChildEnvironment(string work, string key)
    {
        var cache = Environment.GetEnvironmentVariable("CAKE_SETTINGS_ENABLESCRIPTCACHE") == "true" && Environment.GetEnvironmentVariable("CAKE_SETTINGS_SCRIPTCACHELOCATION") is { Length: > 0 } given
            ? given // the caller's cache (the tests'): the script and the add-in do not change during this run
            : Path.Combine(work, "cake-cache");
        var variables = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "localaws-demo",
            ["AWS_SECRET_ACCESS_KEY"] = "localaws-demo",
            ["AWS_CONFIG_FILE"] = Path.Combine(work, "aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(work, "aws-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["FABULAWS_SSH_KEY"] = key,
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["NO_COLOR"] = "1",
            ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true",
            ["CAKE_SETTINGS_SCRIPTCACHELOCATION"] = cache,
        };
        foreach (var name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "FABULAWS_SSH_KEY_PASSPHRASE", "GITHUB_OUTPUT" })
        {
            variables[name] = null;
        }

        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("AWS_ENDPOINT_URL", StringComparison.Ordinal)))
        {
            variables[name] = null;
        }

        return variables;
    }

    private async Task<(IReadOnlyList<SiteAnswer>, IReadOnlyList<CapacityPoint>, IReadOnlyDictionary<string, string>, CleanupReport?)> CleanUpAsync()
    {
        IReadOnlyList<SiteAnswer> answers = [];
        IReadOnlyList<CapacityPoint> capacity = [];
        IReadOnlyDictionary<string, string> images = new Dictionary<string, string>();
        terminal.Step("Cleaning up: the client, child runs, LocalAws and its hosts, the work folder");
        if (client is not null)
        {
            await TryAsync("stop the client", async () =>
            {
                await client.DisposeAsync();
                answers = client.Answers;
            });
        }

        await TryAsync("stop the child runs", () =>
        {
            runner?.KillAll();
            return Task.CompletedTask;
        });
        if (aws is not null)
        {
            await TryAsync("read LocalAws's samples", () =>
            {
                capacity = Capacity(aws, config!.Group, DateTimeOffset.UtcNow - clock.Elapsed);
                var ids = answers.Select(a => a.Instance).OfType<string>().ToHashSet();
                images = aws.Inspect(s => ids.Where(s.Instances.ContainsKey).ToDictionary(
                    id => id,
                    id => s.Images.TryGetValue(s.Instances[id].ImageId, out var image) ? $"{image.Name} ({image.Id})" : s.Instances[id].ImageId));
                return Task.CompletedTask;
            });
            await TryAsync("stop LocalAws and its hosts", () => aws.DisposeAsync().AsTask());
        }

        if (!createdWork)
        {
            return (answers, capacity, images, null); // never sweep a folder this run did not make
        }

        var sweep = Sweeper.Sweep(options.WorkDirectory);
        terminal.Info(sweep.Describe(options.WorkDirectory));
        return (answers, capacity, images, new CleanupReport(options.WorkDirectory, sweep.DirectoryRemoved, sweep.Killed, sweep.Left));
    }

    /// <summary>One step of the cleanup: a failure is reported and the next steps still run (the sweep last).</summary>
    private async Task TryAsync(string what, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            terminal.Warn($"cleanup: could not {what}: {e.Message}");
        }
    }

    /// <summary>LocalAws's capacity samples of the group (one per control-loop tick), kept where they change.</summary>
    private static List<CapacityPoint> Capacity(LocalAwsServer aws, string group, DateTimeOffset origin)
    {
        var points = new List<CapacityPoint>();
        var samples = aws.Metrics.Timeline;
        for (var i = 0; i < samples.Count; i++)
        {
            if (!samples[i].Groups.TryGetValue(group, out var g))
            {
                continue;
            }

            var point = new CapacityPoint(Math.Round((samples[i].Time - origin).TotalSeconds, 2), g.InService, g.Healthy, g.Total);
            if (points.Count == 0 || (points[^1].InService, points[^1].Healthy, points[^1].Total) != (point.InService, point.Healthy, point.Total) || i == samples.Count - 1)
            {
                points.Add(point);
            }
        }

        return points;
    }

    private void PrepareReportDirectory()
    {
        Directory.CreateDirectory(options.ReportDirectory);
        var logs = Path.Combine(options.ReportDirectory, "logs");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true); // the previous run's
        }
    }

    private async Task WriteReportAsync(DemoReport report, string text)
    {
        try
        {
            Directory.CreateDirectory(options.ReportDirectory);
            await File.WriteAllTextAsync(options.ReportFile, JsonSerializer.Serialize(report, Json));
            await File.WriteAllTextAsync(Path.ChangeExtension(options.ReportFile, ".txt"), text);
            terminal.Info($"report: {options.ReportFile} (and {Path.ChangeExtension(options.ReportFile, ".txt")}); target logs: {Path.Combine(options.ReportDirectory, "logs")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Warn($"could not write the report {options.ReportFile}: {e.Message}");
        }
    }
}
