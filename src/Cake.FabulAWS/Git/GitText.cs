using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Git;

/// <summary>Turns git commands and output into text that is safe to show in a log or an error.</summary>
internal static partial class GitText
{
    private const int MaxErrorLines = 20;

    /// <summary>Renders an argument vector as a person would type it after <c>git</c>.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>For example <c>git fetch origin main</c>.</returns>
    public static string Render(IEnumerable<string> arguments)
    {
        return Redact(string.Join(' ', new[] { "git" }.Concat(arguments.Select(Quote))));
    }

    /// <summary>Hides credentials written into URLs (<c>https://user:token@host</c>).</summary>
    /// <param name="text">Any text from git.</param>
    /// <returns>The text with the user-info part of every URL replaced by <c>[REDACTED]</c>.</returns>
    public static string Redact(string text)
    {
        return UrlCredentials().Replace(text, "${scheme}[REDACTED]@");
    }

    /// <summary>Shortens stderr to its last lines and redacts it, for an error message.</summary>
    /// <param name="standardError">What git wrote to stderr.</param>
    /// <returns>The trimmed text, or <c>(nothing on stderr)</c>.</returns>
    public static string Summarize(string standardError)
    {
        var lines = standardError.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            return "(nothing on stderr)";
        }

        var kept = lines.Length > MaxErrorLines ? lines[^MaxErrorLines..] : lines;
        return Redact(string.Join(System.Environment.NewLine, kept));
    }

    private static string Quote(string argument)
    {
        return argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '`')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
