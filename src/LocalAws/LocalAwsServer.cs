using LocalAws.Api;
using LocalAws.Control;
using LocalAws.Faults;
using LocalAws.Hosts;
using LocalAws.Model;
using LocalAws.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace LocalAws;

/// <summary>
/// A loopback AWS (EC2, Auto Scaling, ELB, ELBv2) on one HTTP endpoint, with a control loop and real instance
/// hosts. <c>await using var aws = await LocalAwsServer.StartAsync(new LocalAwsOptions { Port = 0 });</c>
/// </summary>
public sealed partial class LocalAwsServer : IAsyncDisposable
{
    private readonly Cloud cloud;
    private readonly ControlLoop loop;
    private readonly HostManager? hosts;
    private readonly bool ownsDataDirectory;
    private readonly CancellationTokenSource stopping = new();
    private WebApplication? api;
    private Task? loopTask;
    private int disposed;

    private LocalAwsServer(LocalAwsOptions options, string dataDirectory, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        this.ownsDataDirectory = ownsDataDirectory;
        hosts = options.StartHosts ? new HostManager(dataDirectory, Path.Combine(dataDirectory, "authorized_keys")) : null;
        cloud = new Cloud(options, hosts);
        loop = new ControlLoop(cloud);
        Services = [new Ec2Api(cloud), new AutoScalingApi(cloud), new ElbApi(cloud), new Elbv2Api(cloud)];
    }

    /// <summary>Gets the API endpoint (http://127.0.0.1:PORT/) for every service.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the faults; change them at any time.</summary>
    public FaultSettings Faults => cloud.Faults;

    /// <summary>Gets request counts and the capacity timeline.</summary>
    public Metrics Metrics => cloud.Metrics;

    /// <summary>Gets the directory holding instance homes, images and sshd files.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the id of the image every server starts with (www/index.html and www/healthcheck.html).</summary>
    public string BaseImageId { get; private set; } = string.Empty;

    /// <summary>Gets the options.</summary>
    public LocalAwsOptions Options => cloud.Options;

    /// <summary>Gets every sshd process id started so far.</summary>
    public IReadOnlyCollection<int> SshdProcessIds => hosts?.SshdProcessIds ?? [];

    internal IReadOnlyList<ServiceApi> Services { get; }

    /// <summary>Starts a server: API, control loop, base image, seed file.</summary>
    /// <param name="options">The options; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<LocalAwsServer> StartAsync(LocalAwsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalAwsOptions();
        var owns = options.DataDirectory is null;
        var dir = options.DataDirectory ?? Directory.CreateTempSubdirectory("localaws-").FullName;
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0x1ED); // 0755: sshd reads authorized_keys as fabdeploy
        var server = new LocalAwsServer(options, dir, owns);
        try
        {
            await server.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the state under its lock.</summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="read">Reads it; copy what you keep, the state changes after the lock is released.</param>
    /// <returns>What was read.</returns>
    public T Inspect<T>(Func<CloudState, T> read)
    {
        lock (cloud.State.Gate)
        {
            return read(cloud.State);
        }
    }

    /// <summary>Changes the state under its lock (test set-up), and wakes the control loop.</summary>
    /// <param name="change">The change.</param>
    public void Mutate(Action<CloudState> change)
    {
        lock (cloud.State.Gate)
        {
            change(cloud.State);
        }

        cloud.Wake();
    }

    /// <summary>Runs one control loop tick now and waits for the host starts and stops it began.</summary>
    /// <returns>A task.</returns>
    public async Task TickAsync()
    {
        await loop.TickAsync().ConfigureAwait(false);
        if (hosts is not null)
        {
            await hosts.SettleAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Advances a <see cref="FakeTimeProvider"/> clock, then ticks.</summary>
    /// <param name="by">How far.</param>
    /// <returns>A task.</returns>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (cloud.Clock is not FakeTimeProvider fake)
        {
            throw new InvalidOperationException("AdvanceAsync needs LocalAwsOptions.Clock to be a FakeTimeProvider; with the system clock, wait or call TickAsync.");
        }

        fake.Advance(by);
        await TickAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Lets <paramref name="count"/> more control loop ticks complete (running them when there is no loop): after it,
    /// whatever the control loop would do about the state as it was has been done, so a test can assert nothing happened.
    /// </summary>
    /// <param name="count">How many ticks.</param>
    /// <param name="timeout">How long the loop may take for them.</param>
    /// <returns>A task.</returns>
    public async Task WaitForTicksAsync(int count, TimeSpan? timeout = null)
    {
        var wanted = Metrics.Ticks + count + 1; // the tick in progress may have read the state before the call
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        await WaitUntilAsync(_ => Metrics.Ticks >= wanted, limit, $"{count} control loop ticks").ConfigureAwait(false);
    }

    /// <summary>Polls the state (ticking when there is no loop) until the condition holds.</summary>
    /// <param name="condition">Read under the lock.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">Named in the timeout error.</param>
    /// <returns>A task.</returns>
    public async Task WaitUntilAsync(Func<CloudState, bool> condition, TimeSpan timeout, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Inspect(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"LocalAws: {what} did not hold within {timeout.TotalSeconds:0.#} s.\n{ConsoleView.Render(this)}");
            }

            if (loopTask is null)
            {
                await TickAsync().ConfigureAwait(false);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
