namespace Cake.FabulAWS.Environments;

/// <summary>Per-run choices for work on an environment's servers, on top of fabulaws-config.yml.</summary>
public sealed record EnvironmentOptions
{
    /// <summary>Gets the SSH user when it differs from <c>deploy_user</c> (the pipeline's <c>--remote-user</c>).</summary>
    public string? RemoteUser { get; init; }

    /// <summary>
    /// Gets a value indicating whether host keys that are neither in known_hosts nor in the instance's console
    /// output are trusted on first use and recorded (the pipeline's <c>--ssh-trust-new-hosts</c>).
    /// </summary>
    public bool TrustNewHostKeys { get; init; }

    /// <summary>Gets the folder of the per-host log files; <c>fabulaws-logs/&lt;environment&gt;</c> beside the config when null.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Gets the worker that runs deploy_worker when several run (the pipeline's <c>--worker</c>): an instance id or an address.</summary>
    public string? WorkerHost { get; init; }

    /// <summary>
    /// Gets a value indicating whether a live lock on the environment is broken instead of refusing the run (the
    /// pipeline's <c>--break-lock</c>): for a run that is known to be dead, such as a CI job killed on another runner.
    /// </summary>
    public bool BreakLock { get; init; }

    /// <summary>
    /// Gets a value indicating whether a changing target only prints what it would do (the pipeline's <c>--plan</c>):
    /// a preflight, each AWS change and remote command with its values, an estimate; only Describe and Get calls.
    /// Unlike Cake's <c>--dryrun</c>, which skips the tasks altogether, the target runs and reads everything it reads.
    /// </summary>
    public bool Plan { get; init; }
}
