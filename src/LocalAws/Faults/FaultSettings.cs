namespace LocalAws.Faults;

/// <summary>
/// Faults a test (or a CLI flag) switches on: throttling, 5xx, latency, instances that never become healthy,
/// hosts whose sshd is down, launches that fail. Thread-safe; change them at any time.
/// </summary>
public sealed class FaultSettings
{
    private readonly object gate = new();
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
