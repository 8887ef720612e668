using System.Runtime.InteropServices;
using Cake.Core.Diagnostics;

namespace Cake.FabulAWS;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM during an alias into a cancellation, so the workflow's cleanup runs (restore
/// the group, take the upgrade page down) before the run fails. A second signal ends the process at once, unless it
/// comes within <see cref="SameSignalWindow"/> of the first: <c>dotnet cake</c> forwards a SIGTERM sent to the whole
/// process group (as CI runners and <c>kill -- -PGID</c> do), so the script gets it twice at the same moment.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly ICakeLog log;
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TimeProvider time;
    private long firstAt;

    public InterruptSignals(ICakeLog log, TimeProvider? time = null)
    {
        this.log = log;
        this.time = time ?? TimeProvider.System;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM does not exist on some platforms; Ctrl-C still cancels
            }
        }
    }

    /// <summary>Gets how soon after the first a second signal is taken as the same one.</summary>
    public static TimeSpan SameSignalWindow { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the token cancelled by the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Gets the signal that cancelled the run, or null.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        registrations.ForEach(r => r.Dispose());
        source.Dispose();
    }

    /// <summary>Handles one signal; returns whether to keep the process running (false: let the signal end it).</summary>
    internal bool Handle(PosixSignal signal)
    {
        if (Received is not null)
        {
            return time.GetElapsedTime(firstAt) < SameSignalWindow;
        }

        Received = signal;
        firstAt = time.GetTimestamp();
        log.Warning("{0} received: stopping and cleaning up first (send it again to end at once).", signal);
        _ = Task.Run(source.Cancel);
        return true;
    }

    private void OnSignal(PosixSignalContext context) => context.Cancel = Handle(context.Signal);
}
