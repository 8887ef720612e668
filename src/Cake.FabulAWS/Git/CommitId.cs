using System.Text.RegularExpressions;
using Cake.Core;

namespace Cake.FabulAWS.Git;

/// <summary>Git commit ids as deploys carry them: 7 to 40 hexadecimal digits, nothing a shell could read as more.</summary>
public static partial class CommitId
{
    /// <summary>Tells whether a text is a commit id (abbreviated or full).</summary>
    /// <param name="value">The text.</param>
    /// <returns>True for 7 to 40 hexadecimal digits.</returns>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Returns the commit id, or throws naming where it came from.</summary>
    /// <param name="value">The text.</param>
    /// <param name="source">Where it came from, such as "the commit of launch template web version 4".</param>
    /// <returns>The commit id.</returns>
    /// <exception cref="CakeException">It is not 7 to 40 hexadecimal digits.</exception>
    public static string EnsureValid(string? value, string source) => IsValid(value)
        ? value!
        : throw new CakeException($"{source}: '{value}' is not a git commit id (7 to 40 hexadecimal digits, as `git rev-parse HEAD` prints). Nothing was run.");

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$")]
    private static partial Regex Pattern();
}
