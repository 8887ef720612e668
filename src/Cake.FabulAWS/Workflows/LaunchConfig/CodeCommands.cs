using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// The commands that put a commit's files into <c>code_root</c> on the builder: unpacked into a fresh folder first and
/// moved into place only when complete, with the commit written to <c>REVISION</c>.
/// </summary>
internal static class CodeCommands
{
    /// <summary>Where the uploaded archive of a commit waits to be unpacked.</summary>
    /// <param name="commit">The commit.</param>
    /// <returns>The remote path.</returns>
    public static string ArchivePath(string commit) => $"~/.fabulaws/code-{commit}.tar";

    /// <summary>Unpacks the uploaded archive of <paramref name="commit"/> into <paramref name="codeRoot"/>.</summary>
    /// <param name="codeRoot">The folder (<c>code_root</c>).</param>
    /// <param name="commit">The commit.</param>
    /// <param name="timeout">The deadline.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Unpack(string codeRoot, string commit, TimeSpan timeout)
    {
        var (root, fresh) = (ShellQuote.Path(codeRoot.TrimEnd('/')), ShellQuote.Path(codeRoot.TrimEnd('/') + ".new"));
        var archive = ShellQuote.Path(ArchivePath(commit));
        return RemoteCommand.Shell(
            $"rm -rf -- {fresh} && mkdir -p -- {fresh} && tar -x -f {archive} -C {fresh} && echo {commit} > {fresh}/REVISION && rm -rf -- {root} && mv -- {fresh} {root} && rm -f -- {archive}")
            .WithTimeout(timeout);
    }

    /// <summary>Clones the repository on the builder and checks out <paramref name="commit"/> in <paramref name="codeRoot"/> (FabulAWS's way).</summary>
    /// <param name="codeRoot">The folder (<c>code_root</c>).</param>
    /// <param name="url">The origin's URL.</param>
    /// <param name="commit">The commit.</param>
    /// <param name="timeout">The deadline.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Clone(string codeRoot, string url, string commit, TimeSpan timeout)
    {
        var (root, fresh) = (ShellQuote.Path(codeRoot.TrimEnd('/')), ShellQuote.Path(codeRoot.TrimEnd('/') + ".new"));
        return RemoteCommand.Shell(
            $"rm -rf -- {fresh} && GIT_TERMINAL_PROMPT=0 git clone --quiet --no-checkout -- {ShellQuote.Word(url)} {fresh} && git -C {fresh} checkout --quiet --detach {commit} && echo {commit} > {fresh}/REVISION && rm -rf -- {root} && mv -- {fresh} {root}")
            .WithTimeout(timeout);
    }
}
