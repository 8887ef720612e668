using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>Builds the deploy_worker commands: each configured line, with the deployed commit exported.</summary>
internal static class WorkerCommands
{
    /// <summary>The commands, in order.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>One command per configured line.</returns>
    public static IReadOnlyList<RemoteCommand> For(DeployWorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. settings.Commands.Select(line =>
        {
            var command = RemoteCommand.Shell(line)
                .WithEnvironment("DEPLOY_COMMIT", settings.Commit)
                .WithEnvironment("FABULAWS_COMMIT", settings.Commit);
            command = settings.WorkingDirectory is null ? command : command.InDirectory(settings.WorkingDirectory);
            return settings.CommandTimeout is { } timeout ? command.WithTimeout(timeout) : command;
        })];
    }
}
