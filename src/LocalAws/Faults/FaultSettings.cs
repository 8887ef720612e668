namespace LocalAws.Faults;

/// <summary>
/// Faults a test (or a CLI flag) switches on: throttling, 5xx, latency, instances that never become healthy,
/// hosts whose sshd is down, launches that fail, calls held mid-flight. Thread-safe; change them at any time.
/// </summary>
public sealed class FaultSettings
{
    private readonly object gate = new();
    private readonly Holds holds = new();
    private readonly HashSet<string> neverHealthyImages = new(StringComparer.Ordinal);
    private int neverHealthyLaunches;
    private int sshDownLaunches;
    private int failedLaunches;

    /// <summary>Gets or sets the share of API requests answered Throttling (EC2: RequestLimitExceeded), 0 to 1.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Gets or sets the share of API requests answered 500 InternalFailure, 0 to 1.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Gets or sets the latency added to every API request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Makes every instance launched from this image fail its health checks.</summary>
    /// <param name="imageId">The AMI.</param>
    public void NeverHealthyImage(string imageId)
    {
        lock (gate)
        {
            neverHealthyImages.Add(imageId);
        }
    }

    /// <summary>Makes the next <paramref name="count"/> launched instances fail their health checks.</summary>
    /// <param name="count">How many.</param>
    public void NeverHealthyNext(int count)
    {
        lock (gate)
        {
            neverHealthyLaunches += count;
        }
    }

    /// <summary>Starts the next <paramref name="count"/> instances without sshd.</summary>
    /// <param name="count">How many.</param>
    public void SshDownNext(int count)
    {
        lock (gate)
        {
            sshDownLaunches += count;
        }
    }

    /// <summary>Fails the next <paramref name="count"/> Auto Scaling launches (activity Failed, no instance).</summary>
    /// <param name="count">How many.</param>
    public void FailNextLaunches(int count)
    {
        lock (gate)
        {
            failedLaunches += count;
        }
    }

    /// <summary>Gets how many API calls are held right now (see <see cref="HoldNext"/>).</summary>
    public int HeldCount => holds.HeldCount;

    /// <summary>Gets a task that completes when the call caught by the latest <see cref="HoldNext"/> arrives (tests await it instead of sleeping).</summary>
    public Task HeldCallArrived => holds.LastArrived;

    /// <summary>
    /// Holds the next call of <paramref name="action"/> in the middle, as a deploy process killed mid-call leaves it:
    /// with <see cref="HoldMode.Apply"/> it takes effect at once and its answer waits; with <see cref="HoldMode.Drop"/>
    /// it never takes effect. It waits until <see cref="Release"/>, or until its client disconnects.
    /// </summary>
    /// <param name="action">The API action, e.g. SetDesiredCapacity.</param>
    /// <param name="mode">Apply or Drop.</param>
    /// <returns>A task that completes when that call arrives and is held.</returns>
    public Task HoldNext(string action, HoldMode mode) => holds.Arm(action, mode);

    /// <summary>Lets every held call go on: an Apply call is answered, a Drop call's connection is closed unanswered.</summary>
    public void Release() => holds.Release();

    internal HeldCall? TakeHold(string action) => holds.Take(action);

    internal bool TakeNeverHealthy(string imageId)
    {
        lock (gate)
        {
            return neverHealthyImages.Contains(imageId) || Take(ref neverHealthyLaunches);
        }
    }

    internal bool TakeSshDown()
    {
        lock (gate)
        {
            return Take(ref sshDownLaunches);
        }
    }

    internal bool TakeFailedLaunch()
    {
        lock (gate)
        {
            return Take(ref failedLaunches);
        }
    }

    private static bool Take(ref int counter)
    {
        if (counter <= 0)
        {
            return false;
        }

        counter--;
        return true;
    }
}
