using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Demo;

/// <summary>
/// Ctrl-C and SIGTERM: the first cancels the run into its cleanup (child runs stopped, LocalAws disposed, the temp folder
/// deleted). A terminal's Ctrl-C reaches every process of the group, and the Demo target forwards what it gets, so the
/// same signal arrives twice at once: a second one within <see cref="SameSignalWindow"/> is the same. A later one hurries
/// the cleanup (child runs are killed without their grace period); the cleanup itself still runs.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly CancellationTokenSource hurry = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly Terminal terminal;
    private readonly Stopwatch sinceFirst = new();

    public Interrupts(Terminal terminal)
    {
        this.terminal = terminal;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    public static TimeSpan SameSignalWindow { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the token the first signal cancels.</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>Gets the token a second, later signal cancels.</summary>
    public CancellationToken Hurry => hurry.Token;

    public PosixSignal? Received { get; private set; }

    /// <summary>Gets the exit code of a run ended by a signal (128 + its number), or null.</summary>
    public int? ExitCode => Received switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => null,
    };

    public void Dispose()
    {
        registrations.ForEach(r => r.Dispose());
        cancel.Dispose();
        hurry.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the cleanup below must run: never let a signal end the process with hosts running
        lock (sinceFirst)
        {
            if (Received is null)
            {
                Received = context.Signal;
                sinceFirst.Start();
                terminal.Warn($"{context.Signal} received: stopping the demo and cleaning up (send it again to stop the child runs at once).");
                _ = Task.Run(cancel.Cancel);
            }
            else if (sinceFirst.Elapsed > SameSignalWindow && !hurry.IsCancellationRequested)
            {
                terminal.Warn($"{context.Signal} again: killing the child runs now; LocalAws and the temp folder are still cleaned up.");
                _ = Task.Run(hurry.Cancel);
            }
        }
    }
}
