namespace LocalAws.Faults;

/// <summary>The held API calls: which actions to catch next, how many wait, and the signals tests await.</summary>
internal sealed class Holds
{
    private readonly object gate = new();
    private readonly List<(string Action, HoldMode Mode, TaskCompletionSource Arrived)> armed = [];
    private TaskCompletionSource released = NewSignal();
    private Task lastArrived = Task.CompletedTask;
    private int held;

    public int HeldCount => Volatile.Read(ref held);

    public Task LastArrived
    {
        get
        {
            lock (gate)
            {
                return lastArrived;
            }
        }
    }

    public Task Arm(string action, HoldMode mode)
    {
        lock (gate)
        {
            var arrived = NewSignal();
            armed.Add((action, mode, arrived));
            lastArrived = arrived.Task;
            return arrived.Task;
        }
    }

    public void Release()
    {
        lock (gate)
        {
            released.TrySetResult();
            released = NewSignal();
        }
    }

    /// <summary>Takes the hold armed for this action, if any: the call is then held until release or disconnect.</summary>
    public HeldCall? Take(string action)
    {
        lock (gate)
        {
            var index = armed.FindIndex(a => a.Action == action);
            if (index < 0)
            {
                return null;
            }

            var (_, mode, arrived) = armed[index];
            armed.RemoveAt(index);
            Interlocked.Increment(ref held);
            arrived.TrySetResult();
            return new HeldCall(mode, released.Task, () => Interlocked.Decrement(ref held));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One held call: waits for release or for its client to go away; disposing it stops counting it as held.</summary>
/// <param name="Mode">Apply or Drop.</param>
/// <param name="Released">Completes on release.</param>
/// <param name="Done">Called once when the call stops waiting.</param>
internal sealed record HeldCall(HoldMode Mode, Task Released, Action Done) : IDisposable
{
    private int disposed;

    /// <summary>Waits for release.</summary>
    /// <param name="clientGone">Cancelled when the client disconnects.</param>
    /// <returns>True on release, false when the client went away first.</returns>
    public async Task<bool> WaitAsync(CancellationToken clientGone)
    {
        try
        {
            await Released.WaitAsync(clientGone).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Done();
        }
    }
}
