using System.Collections.Concurrent;

namespace LocalAws.Observability;

/// <summary>Capacity of one group at one moment.</summary>
/// <param name="InService">Instances in lifecycle InService.</param>
/// <param name="Healthy">InService instances that are Healthy and, for ELB health checks, in service in every load balancer.</param>
/// <param name="Total">Instances the group has in any lifecycle state.</param>
public sealed record GroupCapacity(int InService, int Healthy, int Total);

/// <summary>One timeline sample, taken every tick.</summary>
/// <param name="Time">When.</param>
/// <param name="Groups">Capacity per group.</param>
/// <param name="LoadBalancers">Backends in service (classic) or healthy (target group), per load balancer name or target group name.</param>
public sealed record CapacitySample(DateTimeOffset Time, IReadOnlyDictionary<string, GroupCapacity> Groups, IReadOnlyDictionary<string, int> LoadBalancers);

/// <summary>What LocalAws counts: requests per action, and a timeline of capacity.</summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
    private readonly List<CapacitySample> timeline = [];
    private readonly List<string> log = [];
    private readonly int capacity;
    private long ticks;

    internal Metrics(int capacity) => this.capacity = capacity;

    /// <summary>Gets how many control loop ticks have completed (one timeline sample each, also once old samples are dropped).</summary>
    public long Ticks => Interlocked.Read(ref ticks);

    /// <summary>Gets a copy of the request counts per "service:Action".</summary>
    public IReadOnlyDictionary<string, int> RequestCounts => new Dictionary<string, int>(requests);

    /// <summary>Gets the requests in the order they arrived, as "service:Action" (the latest ones when there were very many).</summary>
    public IReadOnlyList<string> RequestLog
    {
        get
        {
            lock (log)
            {
                return log.ToList();
            }
        }
    }

    /// <summary>Gets a copy of the timeline.</summary>
    public IReadOnlyList<CapacitySample> Timeline
    {
        get
        {
            lock (timeline)
            {
                return timeline.ToList();
            }
        }
    }

    /// <summary>Gets how many requests an action received.</summary>
    /// <param name="action">The action name, e.g. SetDesiredCapacity.</param>
    /// <returns>The count over all services.</returns>
    public int Count(string action) => requests.Where(kv => kv.Key.EndsWith(":" + action, StringComparison.Ordinal)).Sum(kv => kv.Value);

    internal void CountRequest(string service, string action)
    {
        requests.AddOrUpdate($"{service}:{action}", 1, (_, n) => n + 1);
        lock (log)
        {
            log.Add($"{service}:{action}");
            if (log.Count > 4 * capacity)
            {
                log.RemoveRange(0, log.Count - (4 * capacity));
            }
        }
    }

    internal void Add(CapacitySample sample)
    {
        Interlocked.Increment(ref ticks);
        lock (timeline)
        {
            timeline.Add(sample);
            if (timeline.Count > capacity)
            {
                timeline.RemoveRange(0, timeline.Count - capacity);
            }
        }
    }
}
