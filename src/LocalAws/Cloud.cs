using LocalAws.Faults;
using LocalAws.Hosts;
using LocalAws.Model;
using LocalAws.Observability;

namespace LocalAws;

/// <summary>What every part of LocalAws shares: the state and its lock, options, clock, faults, metrics, hosts.</summary>
internal sealed class Cloud
{
    private readonly Random random;
    private readonly SemaphoreSlim wake = new(0, 1);

    public Cloud(LocalAwsOptions options, HostManager? hosts)
    {
        Options = options;
        random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        State = new CloudState(new Random(random.Next())) { Region = options.Region };
        Clock = options.Clock ?? TimeProvider.System;
        Faults = options.Faults;
        Metrics = new Metrics(options.TimelineCapacity);
        Addresses = new AddressPool(new Random(), [options.SshPort, options.InstanceHttpPort, options.LoadBalancerHttpPort]); // never seeded: parallel servers must differ
        Hosts = hosts;
    }

    public CloudState State { get; }

    public LocalAwsOptions Options { get; }

    public TimeProvider Clock { get; }

    public FaultSettings Faults { get; }

    public Metrics Metrics { get; }

    public AddressPool Addresses { get; }

    public HostManager? Hosts { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public string Zone(int index) => Options.Region + "abc"[index % 3];

    public double NextDouble()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    public int NextInt(int max)
    {
        lock (random)
        {
            return random.Next(max);
        }
    }

    /// <summary>Asks the control loop to run a tick now (after a change through the API).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already woken
            }
        }
    }

    public Task<bool> WaitForWakeAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}
