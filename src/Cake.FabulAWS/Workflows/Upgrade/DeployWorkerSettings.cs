namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>deploy_worker: the configured commands (migrations, static files, restarts) run in order on the worker.</summary>
internal sealed record DeployWorkerSettings
{
    /// <summary>Gets the deployment tag (FabulAWS <c>deployment</c>), for messages.</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the environment tag, for messages.</summary>
    public required string Environment { get; init; }

    /// <summary>Gets the commit being deployed; exported to the commands as DEPLOY_COMMIT and FABULAWS_COMMIT.</summary>
    public required string Commit { get; init; }

    /// <summary>Gets the shell command lines to run, in order (<c>deploy_worker_commands</c>, rendered).</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>Gets the role tag of the worker.</summary>
    public string WorkerRole { get; init; } = "worker";

    /// <summary>Gets which worker to use when several run: an instance id or an address.</summary>
    public string? WorkerHost { get; init; }

    /// <summary>Gets the directory the commands run in; null for the login directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the time allowed for each command; null for the SSH default.</summary>
    public TimeSpan? CommandTimeout { get; init; }
}
