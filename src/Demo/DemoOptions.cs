using System.Globalization;

namespace Demo;

/// <summary>How the demo runs; every value has a default that suits <c>./build.sh --target=Demo</c>.</summary>
internal sealed record DemoOptions
{
    public const string Usage = """
        The FabulAWS demo: LocalAws in this process, a throwaway clone of the demo app with a bare origin, the pipeline's
        real targets (CreateLaunchConfig, DeployFull, a code change, CreateLaunchConfig, DeploySerial) as child runs of
        `dotnet cake build/build.cake`, a client polling the load balancer, and a report.
        dotnet src/Demo/bin/Release/net10.0/Demo.dll [options]     (as root: the instance hosts are real sshd)
          --repository DIR       the Cake.FabulAWS checkout (build/build.cake, fabulaws-config.yml, deploy/); default: found above the program
          --work DIR             the temp folder of this run (must not exist; deleted at the end); default: a new one under /tmp
          --report FILE          the machine-readable report (JSON); report.txt and logs/ go beside it; default artifacts/demo/report.json
          --time-scale X         LocalAws's real seconds per AWS second (health checks, grace periods); default 1 (AWS time)
          --poll-ms N            the client's period on the load balancer; default 100
          --create-environment   the seed without its group, and the CreateEnvironment target to make it
          --sweep                only kill the processes that use --work DIR and delete it (the Demo target's last resort)
        """;

    public required string RepositoryRoot { get; init; }

    public required string WorkDirectory { get; init; }

    public required string ReportFile { get; init; }

    /// <summary>Gets LocalAws's time scale: 1 keeps AWS's durations (the seed's 5 s health-check interval takes 5 s); 0.2 makes it 1 s.</summary>
    public double TimeScale { get; init; } = 1.0;

    public TimeSpan PollEvery { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the clone's <c>timeouts.poll_interval_ms</c>: the targets' waits poll LocalAws this often (the 5 s default spares AWS's API rate limits, which LocalAws does not have).</summary>
    public int TargetPollMilliseconds { get; init; } = 200;

    /// <summary>Gets how long a child run may take to stop after SIGTERM before its process tree is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets a value indicating whether the environment comes from the CreateEnvironment target instead of LocalAws's seed.</summary>
    public bool CreateEnvironment { get; init; }

    public bool SweepOnly { get; init; }

    public string ReportDirectory => Path.GetDirectoryName(ReportFile)!;

    public static DemoOptions Parse(string[] args)
    {
        string? repository = null, work = null, report = null;
        double scale = 1.0;
        var poll = 100;
        bool create = false, sweep = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--repository": repository = Path.GetFullPath(Next()); break;
                case "--work": work = Path.GetFullPath(Next()); break;
                case "--report": report = Path.GetFullPath(Next()); break;
                case "--time-scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--poll-ms": poll = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--create-environment": create = true; break;
                case "--sweep": sweep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        if (sweep && work is null)
        {
            throw new ArgumentException("--sweep needs --work DIR.");
        }

        if (scale is <= 0 or > 1 || poll is < 10 or > 10_000)
        {
            throw new ArgumentException("--time-scale must be in (0, 1] and --poll-ms in 10..10000.");
        }

        repository ??= FindRepository();
        return new DemoOptions
        {
            RepositoryRoot = repository,
            WorkDirectory = work ?? Path.Combine(Path.GetTempPath(), "fabulaws-demo-" + Guid.NewGuid().ToString("N")[..8]),
            ReportFile = report ?? Path.Combine(repository, "artifacts", "demo", "report.json"),
            TimeScale = scale,
            PollEvery = TimeSpan.FromMilliseconds(poll),
            CreateEnvironment = create,
            SweepOnly = sweep,
        };
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "build", "build.cake")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new ArgumentException($"No build/build.cake above {AppContext.BaseDirectory}: pass --repository DIR.");
    }
}
