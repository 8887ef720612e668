using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Workflows.Waiting;

/// <summary>
/// Polls until a condition holds, on a <see cref="TimeProvider"/> (tests move time instead of waiting), with a
/// deadline, a fail-fast check and cancellation. Each change of the observed state is logged once.
/// </summary>
/// <param name="time">The clock.</param>
/// <param name="log">Where progress goes.</param>
internal sealed class Waiter(TimeProvider time, ICakeLog log)
{
    /// <summary>Waits for the condition.</summary>
    /// <typeparam name="T">What one poll observes.</typeparam>
    /// <param name="wait">The condition.</param>
    /// <param name="cancellationToken">Cancels the wait (Ctrl-C, SIGTERM).</param>
    /// <returns>The state that satisfied the condition.</returns>
    /// <exception cref="WaitTimedOutException">The deadline passed; the message has the last observed state.</exception>
    /// <exception cref="WaitFailedException">The fail-fast check gave a reason.</exception>
    public async Task<T> UntilAsync<T>(Wait<T> wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var started = time.GetTimestamp();
        string? shown = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observed = await wait.Observe(cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            if (wait.Done(observed))
            {
                log.Verbose("Waited {0:0.0} s for {1}.", elapsed.TotalSeconds, wait.What);
                return observed;
            }

            var described = wait.Describe(observed);
            if (wait.FailFast?.Invoke(observed) is { } reason)
            {
                throw new WaitFailedException(wait.What, reason, described, elapsed);
            }

            if (elapsed >= wait.Deadline)
            {
                throw new WaitTimedOutException(wait.What, wait.Deadline, described, wait.DeadlineSetting);
            }

            if (described != shown)
            {
                log.Information("  waiting for {0}: {1}", wait.What, described);
                shown = described;
            }

            var pause = wait.Poll < wait.Deadline - elapsed ? wait.Poll : wait.Deadline - elapsed;
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
