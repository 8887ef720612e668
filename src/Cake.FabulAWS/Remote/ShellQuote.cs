using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Remote;

/// <summary>Quotes words for the remote POSIX shell.</summary>
public static partial class ShellQuote
{
    /// <summary>Quotes a word unless it only holds characters the shell never interprets.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The word, safe to paste into a command line.</returns>
    public static string Word(string word) => SafeWord().IsMatch(word) ? word : Always(word);

    /// <summary>Quotes a path when needed, keeping a leading <c>~/</c> outside the quotes so the shell still expands it.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The path, such as <c>~/www/static</c> or <c>~/'my site'</c>.</returns>
    public static string Path(string path) => path switch
    {
        "~" or "~/" => path,
        _ when path.StartsWith("~/", StringComparison.Ordinal) => "~/" + Word(path[2..]),
        _ => Word(path),
    };

    /// <summary>Wraps a word in single quotes, whatever it holds.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The quoted word.</returns>
    public static string Always(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9_./=:@%+,-]+$")]
    private static partial Regex SafeWord();
}
