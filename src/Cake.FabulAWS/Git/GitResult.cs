namespace Cake.FabulAWS.Git;

/// <summary>What one finished git command printed and returned.</summary>
/// <param name="Command">The command as a person would type it, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
internal sealed record GitResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets stdout split into lines, without the empty last line.</summary>
    public IReadOnlyList<string> OutputLines =>
        StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
}
