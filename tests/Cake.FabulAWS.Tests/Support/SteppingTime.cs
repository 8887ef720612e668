namespace Cake.FabulAWS.Tests.Support;

/// <summary>
/// A clock on which every timer fires at once, moving the time forward by its due time: a workflow's waits of
/// minutes take no real time, and what the clock reads afterwards says how long they would have taken.
/// </summary>
internal sealed class SteppingTime : TimeProvider
{
    private readonly object gate = new();
    private DateTimeOffset now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public TimeSpan Elapsed { get; private set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
            Elapsed += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            timer.Change(dueTime, period);
        }

        return timer;
    }

    private sealed class Timer(SteppingTime time, TimerCallback callback, object? state) : ITimer
    {
        private bool disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return !disposed;
            }

            time.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (!disposed)
                {
                    callback(state);
                }
            });
            return true;
        }

        public void Dispose() => disposed = true;

        public ValueTask DisposeAsync()
        {
            disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
