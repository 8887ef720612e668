using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Remote;

/// <summary>Builds the commands around pushing secrets. No command ever carries a secret value.</summary>
public static partial class SecretsCommands
{
    /// <summary>
    /// Creates the secrets directory (0700 when new) and empty temporary files that are owner-only from birth
    /// (<c>umask 077</c>), removing stale ones first, so the values written next over SFTP are never readable by others.
    /// </summary>
    /// <param name="directory">The secrets directory; a leading <c>~/</c> stays expandable.</param>
    /// <param name="temporaryFiles">The temporary file paths.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand PrepareTemporaryFiles(string directory, IReadOnlyList<string> temporaryFiles)
    {
        var parts = new List<CommandPart> { CommandPart.Shell("umask 077 && mkdir -p"), CommandPart.Path(directory), CommandPart.Shell("&& rm -f --") };
        parts.AddRange(temporaryFiles.Select(CommandPart.Path));
        foreach (var file in temporaryFiles)
        {
            parts.Add(CommandPart.Shell("&& : >"));
            parts.Add(CommandPart.Path(file));
        }

        return RemoteCommand.From(parts);
    }

    /// <summary>Removes temporary files left by a failed push.</summary>
    /// <param name="temporaryFiles">The temporary file paths.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand RemoveTemporaryFiles(IReadOnlyList<string> temporaryFiles) =>
        RemoteCommand.From([CommandPart.Argument("rm"), CommandPart.Argument("-f"), CommandPart.Argument("--"), .. temporaryFiles.Select(CommandPart.Path)]);

    /// <summary>Checks a secret name: it becomes a file name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when it is a plain file name (letters, digits, <c>_ . -</c>, not starting with a dot).</returns>
    public static bool IsValidName(string name) => SecretName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex SecretName();
}
