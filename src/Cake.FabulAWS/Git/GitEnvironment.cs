using System.Diagnostics;

namespace Cake.FabulAWS.Git;

/// <summary>The environment every git call runs with: no prompts, parseable output, no inherited repository.</summary>
internal static class GitEnvironment
{
    /// <summary>The ssh command used for fetches when the user has not chosen one: never asks for anything.</summary>
    public const string BatchSshCommand = "ssh -o BatchMode=yes";

    // Set by git hooks; they would point git somewhere other than the working directory.
    private static readonly string[] InheritedRepositoryVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"];

    /// <summary>Applies the variables to a process about to start.</summary>
    /// <param name="startInfo">The process.</param>
    /// <param name="options">The options whose extra variables win over everything.</param>
    /// <param name="batchSsh">Whether to set <c>GIT_SSH_COMMAND</c> to <see cref="BatchSshCommand"/>.</param>
    public static void Apply(ProcessStartInfo startInfo, GitCommandLineOptions options, bool batchSsh)
    {
        var variables = startInfo.Environment;
        foreach (var name in InheritedRepositoryVariables)
        {
            variables.Remove(name);
        }

        // English, unquoted-for-locale output that the parsers below can rely on.
        variables["LC_ALL"] = "C";
        variables["LANGUAGE"] = "C";

        // Never wait for a person: no username/password prompt, no pager, no editor.
        variables["GIT_TERMINAL_PROMPT"] = "0";
        variables["GIT_PAGER"] = "cat";
        variables["GIT_EDITOR"] = "true";

        // Reading commands (status) must not take the index lock an editor or IDE may hold.
        variables["GIT_OPTIONAL_LOCKS"] = "0";
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        // Only when nobody chose an ssh command (environment, options or core.sshCommand): see HasUserSshCommand.
        if (batchSsh)
        {
            variables["GIT_SSH_COMMAND"] = BatchSshCommand;
        }
    }

    /// <summary>Tells whether the user already chose how git runs ssh through the environment.</summary>
    /// <param name="options">The options whose extra variables count too.</param>
    /// <returns>True when <c>GIT_SSH_COMMAND</c> or <c>GIT_SSH</c> is set.</returns>
    public static bool HasUserSshCommand(GitCommandLineOptions options)
    {
        return new[] { "GIT_SSH_COMMAND", "GIT_SSH" }.Any(name =>
            options.Environment.TryGetValue(name, out var value)
                ? !string.IsNullOrEmpty(value)
                : !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(name)));
    }
}
