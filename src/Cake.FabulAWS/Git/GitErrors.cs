using System.ComponentModel;
using System.Text.RegularExpressions;
using Cake.Core;

namespace Cake.FabulAWS.Git;

/// <summary>The errors of the git command line, each naming the command and what to do.</summary>
internal static partial class GitErrors
{
    /// <summary>Turns a failed command into the most helpful error: not a repository, dubious ownership, or plain.</summary>
    /// <param name="result">The failed command.</param>
    /// <param name="workingDirectory">Where it ran.</param>
    /// <returns>The exception to throw.</returns>
    public static CakeException Failed(GitResult result, string workingDirectory)
    {
        var stderr = result.StandardError;
        if (stderr.Contains("dubious ownership", StringComparison.Ordinal))
        {
            var repository = DubiousRepository().Match(stderr) is { Success: true } match ? match.Groups["path"].Value : workingDirectory;
            return new CakeException(
                $"git refuses to work in {repository}: the repository belongs to another user (\"dubious ownership\"; CI checkouts often do). " +
                $"If you trust it, run: git config --global --add safe.directory {repository}" +
                $"{System.Environment.NewLine}`{result.Command}` exited with {result.ExitCode}: {GitText.Summarize(stderr)}");
        }

        if (stderr.Contains("not a git repository", StringComparison.Ordinal))
        {
            return new CakeException(
                $"{workingDirectory} is not a git repository (nor inside one). Run the build from your clone of the project, " +
                "or point the working directory at it (CheckBranchSettings.WorkingDirectory for FabulAwsCheckBranchAsync)." +
                $"{System.Environment.NewLine}`{result.Command}` exited with {result.ExitCode}: {GitText.Summarize(stderr)}");
        }

        return new CakeException(
            $"`{result.Command}` failed in {workingDirectory} with exit code {result.ExitCode}: {GitText.Summarize(stderr)}" +
            AccessHint(stderr));
    }

    /// <summary>The command ran longer than allowed and was killed.</summary>
    /// <param name="command">The rendered command.</param>
    /// <param name="workingDirectory">Where it ran.</param>
    /// <param name="timeout">The limit.</param>
    /// <returns>The exception to throw.</returns>
    public static CakeException TimedOut(string command, string workingDirectory, TimeSpan timeout)
    {
        var hint = command.StartsWith("git fetch", StringComparison.Ordinal)
            ? "Check that the remote is reachable from here (network, VPN, ssh keys loaded in an agent: git never prompts here), " +
              "or raise CheckBranchSettings.FetchTimeout."
            : "Check for a stuck git process or a very large work tree.";
        return new CakeException(
            $"`{command}` timed out after {timeout.TotalSeconds:0.#} s in {workingDirectory} and was stopped. {hint}");
    }

    /// <summary>The working directory does not exist.</summary>
    /// <param name="workingDirectory">The directory.</param>
    /// <returns>The exception to throw.</returns>
    public static CakeException MissingDirectory(string workingDirectory)
    {
        return new CakeException(
            $"The directory {workingDirectory} does not exist, so it cannot be checked with git. " +
            "Point CheckBranchSettings.WorkingDirectory at your clone of the project.");
    }

    /// <summary>git could not be started.</summary>
    /// <param name="executable">The executable that was tried.</param>
    /// <param name="command">The rendered command.</param>
    /// <param name="exception">Why the start failed.</param>
    /// <returns>The exception to throw.</returns>
    public static CakeException GitNotFound(string executable, string command, Win32Exception exception)
    {
        return new CakeException(
            $"Could not start `{command}`: {exception.Message}. Install git and make sure '{executable}' is on PATH.",
            exception);
    }

    private static string AccessHint(string stderr)
    {
        var hint = stderr switch
        {
            _ when stderr.Contains("Permission denied (publickey", StringComparison.Ordinal) =>
                "The ssh key was refused, or it needs a passphrase: git runs ssh with BatchMode=yes here and never prompts, " +
                "so load the key into an agent first (ssh-add) or give CI a deploy key.",
            _ when stderr.Contains("Host key verification failed", StringComparison.Ordinal) =>
                "The remote's ssh host key is not in known_hosts and git cannot ask here: connect once with ssh, " +
                "or add it with ssh-keyscan HOST >> ~/.ssh/known_hosts after checking its fingerprint.",
            _ when stderr.Contains("terminal prompts disabled", StringComparison.Ordinal) =>
                "git needs a username and password for this remote and cannot prompt here: configure a credential helper " +
                "(git config --global credential.helper ...) or use an ssh remote.",
            _ => null,
        };
        return hint is null ? string.Empty : System.Environment.NewLine + hint;
    }

    [GeneratedRegex(@"dubious ownership in repository at '(?<path>[^']+)'")]
    private static partial Regex DubiousRepository();
}
