using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Workflows.Phases;

/// <summary>One phase of a run: its name, how long it took, and whether it succeeded.</summary>
/// <param name="Name">The phase.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Succeeded">Whether it ended without an error.</param>
public sealed record PhaseRecord(string Name, TimeSpan Duration, bool Succeeded);

/// <summary>
/// Logs the phases of a workflow with their durations and keeps them for the summary; in GitHub Actions each phase
/// is a collapsible group of the log.
/// </summary>
/// <param name="log">The Cake log.</param>
/// <param name="time">The clock.</param>
/// <param name="githubActions">Whether to write GitHub Actions group commands.</param>
internal sealed class PhaseLog(ICakeLog log, TimeProvider time, bool githubActions)
{
    private readonly List<PhaseRecord> phases = [];
    private readonly long started = time.GetTimestamp();

    /// <summary>Gets the phases so far.</summary>
    public IReadOnlyList<PhaseRecord> Phases => phases;

    /// <summary>Gets the phase that is running, or the last one.</summary>
    public string? Current { get; private set; }

    /// <summary>Gets the time since the run started.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(started);

    /// <summary>Runs one phase.</summary>
    /// <typeparam name="T">What the phase gives.</typeparam>
    /// <param name="name">The phase, as a short phrase.</param>
    /// <param name="work">The phase.</param>
    /// <returns>What it gave.</returns>
    public async Task<T> RunAsync<T>(string name, Func<Task<T>> work)
    {
        Current = name;
        var begin = time.GetTimestamp();
        if (githubActions)
        {
            log.Information("::group::{0}", name);
        }

        log.Information("== {0}", name);
        var succeeded = false;
        try
        {
            var result = await work().ConfigureAwait(false);
            succeeded = true;
            return result;
        }
        finally
        {
            var duration = time.GetElapsedTime(begin);
            phases.Add(new PhaseRecord(name, duration, succeeded));
            log.Write(Verbosity.Normal, succeeded ? LogLevel.Information : LogLevel.Error, "== {0}: {1} in {2:0.0} s", name, succeeded ? "done" : "FAILED", duration.TotalSeconds);
            if (githubActions)
            {
                log.Information("::endgroup::");
            }
        }
    }

    /// <summary>Runs one phase that gives nothing.</summary>
    /// <param name="name">The phase.</param>
    /// <param name="work">The phase.</param>
    /// <returns>A task.</returns>
    public Task RunAsync(string name, Func<Task> work) => RunAsync(name, async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });
}
