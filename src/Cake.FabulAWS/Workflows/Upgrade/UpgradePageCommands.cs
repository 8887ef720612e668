using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>Where the upgrade page files go, and the command that takes them down.</summary>
public static class UpgradePageCommands
{
    /// <summary>The remote paths of both files in the web root.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The upgrade page path, then the health-check override path.</returns>
    public static IReadOnlyList<string> Paths(UpgradePageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [RemotePath.Combine(settings.StaticRoot, settings.UpgradeMessageName), RemotePath.Combine(settings.StaticRoot, settings.HealthcheckName)];
    }

    /// <summary>Removes both files; files already gone are fine, so ending twice is harmless.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Remove(UpgradePageSettings settings) =>
        RemoteCommand.From([CommandPart.Argument("rm"), CommandPart.Argument("-f"), CommandPart.Argument("--"), .. Paths(settings).Select(CommandPart.Path)])
            .WithTimeout(TimeSpan.FromMinutes(1));
}
