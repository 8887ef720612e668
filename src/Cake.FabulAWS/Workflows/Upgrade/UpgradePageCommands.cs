using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>
/// Where the upgrade page files go, and the commands that claim and remove them. Each file the deploy places gets
/// a marker beside it first (<c>.NAME.placed-by-fabulaws</c>), so a deploy never overwrites or deletes a file of the
/// application's that happens to have the same name in <c>static_root</c>.
/// </summary>
internal static class UpgradePageCommands
{
    /// <summary>The remote paths of both files in the web root.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The upgrade page path, then the health-check override path.</returns>
    public static IReadOnlyList<string> Paths(UpgradePageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [RemotePath.Combine(settings.StaticRoot, settings.UpgradeMessageName), RemotePath.Combine(settings.StaticRoot, settings.HealthcheckName)];
    }

    /// <summary>The marker that says the deploy placed a file.</summary>
    /// <param name="name">The file name.</param>
    /// <returns>The marker's name, in the same folder.</returns>
    public static string Marker(string name) => $".{name}.placed-by-fabulaws";

    /// <summary>
    /// Refuses (exit 3, with the reason on stderr) when one of the files exists without its marker, else creates the
    /// folder and the markers, so the upload that follows only ever replaces files the deploy placed.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="names">The file names about to be uploaded.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Claim(UpgradePageSettings settings, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = ShellQuote.Path(settings.StaticRoot);
        var refusal = ShellQuote.Always(" exists and was not placed by a deploy: static_root must be a folder of its own (FabulAWS: ~/services/nginx/html), served before the application's files. Nothing was changed on this server.");
        return RemoteCommand.Shell(
            $"mkdir -p {root} && cd {root} && for f in {Words(names)}; do if [ -e \"$f\" ] && [ ! -e \".$f.placed-by-fabulaws\" ]; then echo \"$PWD/$f\"{refusal} >&2; exit 3; fi; done"
            + $" && touch {Words(names.Select(Marker))}")
            .WithTimeout(TimeSpan.FromMinutes(1));
    }

    /// <summary>Removes the files the deploy placed (those with a marker) and their markers; anything else stays, so ending twice is harmless.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="names">The file names; both pages when null.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Remove(UpgradePageSettings settings, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        names ??= [settings.UpgradeMessageName, settings.HealthcheckName];
        var root = ShellQuote.Path(settings.StaticRoot);
        return RemoteCommand.Shell(
            $"cd {root} 2>/dev/null || exit 0; for f in {Words(names)}; do if [ -e \".$f.placed-by-fabulaws\" ]; then rm -f -- \"$f\" \".$f.placed-by-fabulaws\" || exit 1; fi; done")
            .WithTimeout(TimeSpan.FromMinutes(1));
    }

    private static string Words(IEnumerable<string> names) => string.Join(' ', names.Select(ShellQuote.Word));
}
