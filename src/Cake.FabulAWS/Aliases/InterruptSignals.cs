using System.Runtime.InteropServices;
using Cake.Core.Diagnostics;

namespace Cake.FabulAWS;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM during an alias into a cancellation, so the workflow's cleanup runs (restore
/// the group, take the upgrade page down) before the run fails. A second signal ends the process at once.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly ICakeLog log;
    private readonly List<PosixSignalRegistration> registrations = [];

    public InterruptSignals(ICakeLog log)
    {
        this.log = log;
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

    /// <summary>Gets the token cancelled by the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Gets the signal that cancelled the run, or null.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        registrations.ForEach(r => r.Dispose());
        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Received is not null)
        {
            return; // the second one: let the process end
        }

        Received = context.Signal;
        context.Cancel = true;
        log.Warning("{0} received: stopping and cleaning up first (send it again to end at once).", context.Signal);
        _ = Task.Run(source.Cancel);
    }
}
