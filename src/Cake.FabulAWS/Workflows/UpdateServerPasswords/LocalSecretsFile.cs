using Cake.Core;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.UpdateServerPasswords;

/// <summary>The local per-environment secrets file, refused when git tracks it or others can read it.</summary>
internal static class LocalSecretsFile
{
    /// <summary>Finds, checks and reads <c>fabsecrets_&lt;environment&gt;.yml</c>, else <c>fabsecrets_&lt;environment&gt;.py</c>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="git">The repository.</param>
    /// <param name="files">The local files.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file path and its secrets.</returns>
    public static async Task<(string Path, IReadOnlyDictionary<string, Secret> Secrets)> ReadAsync(string directory, string environment, IGitRepository git, ILocalFiles files, CancellationToken cancellationToken)
    {
        var yaml = Path.GetFullPath(Path.Combine(directory, $"fabsecrets_{environment}.yml"));
        var python = Path.GetFullPath(Path.Combine(directory, $"fabsecrets_{environment}.py"));
        var path = files.Exists(yaml) ? yaml : files.Exists(python) ? python
            : throw new CakeException($"No secrets file for '{environment}': looked for {yaml} and {python}. Create {yaml} with one `name: value` per line, then `chmod 600` it and keep it out of git.");

        if (await git.IsTrackedAsync(path, cancellationToken).ConfigureAwait(false))
        {
            throw new CakeException($"Refusing to read {path}: git tracks it, so its secrets are in the repository history. Run `git rm --cached {path}`, add its name to .gitignore, and rotate the secrets it holds.");
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (files.Mode(path) is { } mode && (mode & others) != 0)
        {
            throw new CakeException($"Refusing to read {path}: other users can access it (mode {Convert.ToString((int)mode, 8)}). Run `chmod 600 {path}`.");
        }

        var text = System.Text.Encoding.UTF8.GetString(await files.ReadAsync(path, cancellationToken).ConfigureAwait(false));
        return (path, path == yaml ? SecretsFileParser.Yaml(path, text) : SecretsFileParser.Python(text));
    }
}
