using System.Globalization;

namespace LocalAws.Cli;

/// <summary>Parses the standalone command line into options.</summary>
internal static class CommandLine
{
    public const string Usage = """
        LocalAws: a loopback AWS (EC2, Auto Scaling, ELB, ELBv2) with real instance hosts.
        dotnet run --project src/LocalAws -- [options]
          --port N                 API port on 127.0.0.1 (default 4566)
          --boot-time SECONDS      pending -> running (default 1)
          --image-time SECONDS     image pending -> available (default 1)
          --tick MS                control loop period (default 250)
          --time-scale X           real seconds per AWS second for intervals, grace, delays (default 1)
          --seed FILE              JSON list of API calls applied at start
          --authorized-keys FILE   public keys that may SSH to instances as fabdeploy (default ~/.ssh/*.pub)
          --data-dir DIR           where instance homes and images live (default: a temp dir, deleted at exit)
          --instance-http-port N   web server port on each instance address (default 8080)
          --lb-port N              port of each load balancer endpoint (default 8080)
          --ssh-port N             sshd port on each instance address (default 2222)
          --no-hosts               API and control loop only: no sshd, no web servers
          --random-seed N          reproducible ids and random choices (addresses stay random)
          --throttle-rate X        share of API calls answered Throttling (0..1)
          --error-rate X           share of API calls answered 500 (0..1)
          --latency-ms N           added to every API call
          --fail-launches N        the next N Auto Scaling launches fail
          --never-healthy N        the next N instances fail every health check
          --never-healthy-image AMI instances from this image fail every health check
          --sshd-down N            the next N instances start without sshd
          --watch                  print groups, instances, load balancers and request counts every second
        """;

    public static (LocalAwsOptions Options, bool Watch) Parse(string[] args)
    {
        var options = new LocalAwsOptions { AuthorizedKeys = DefaultKeys() };
        var watch = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double Real() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--port": options = options with { Port = Int() }; break;
                case "--boot-time": options = options with { BootTime = TimeSpan.FromSeconds(Real()) }; break;
                case "--image-time": options = options with { ImageBuildTime = TimeSpan.FromSeconds(Real()) }; break;
                case "--tick": options = options with { Tick = TimeSpan.FromMilliseconds(Int()) }; break;
                case "--time-scale": options = options with { TimeScale = Real() }; break;
                case "--seed": options = options with { SeedFile = Path.GetFullPath(Next()) }; break;
                case "--authorized-keys": options = options with { AuthorizedKeys = File.ReadAllLines(Next()).Where(l => l.Trim().Length > 0).ToList() }; break;
                case "--data-dir": options = options with { DataDirectory = Path.GetFullPath(Next()) }; break;
                case "--instance-http-port": options = options with { InstanceHttpPort = Int() }; break;
                case "--lb-port": options = options with { LoadBalancerHttpPort = Int() }; break;
                case "--ssh-port": options = options with { SshPort = Int() }; break;
                case "--no-hosts": options = options with { StartHosts = false }; break;
                case "--random-seed": options = options with { RandomSeed = Int() }; break;
                case "--throttle-rate": options.Faults.ThrottleRate = Real(); break;
                case "--error-rate": options.Faults.ServerErrorRate = Real(); break;
                case "--latency-ms": options.Faults.Latency = TimeSpan.FromMilliseconds(Int()); break;
                case "--fail-launches": options.Faults.FailNextLaunches(Int()); break;
                case "--never-healthy": options.Faults.NeverHealthyNext(Int()); break;
                case "--never-healthy-image": options.Faults.NeverHealthyImage(Next()); break;
                case "--sshd-down": options.Faults.SshDownNext(Int()); break;
                case "--watch": watch = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        return (options, watch);
    }

    private static List<string> DefaultKeys()
    {
        var ssh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return Directory.Exists(ssh) ? Directory.GetFiles(ssh, "*.pub").Select(File.ReadAllText).ToList() : [];
    }
}
