using Cake.Core;

namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>Refuses names git would reject, before they reach a git command line.</summary>
internal static class BranchNames
{
    private static readonly char[] Forbidden = ['~', '^', ':', '?', '*', '[', '\\'];

    /// <summary>Throws when the name cannot be a git branch or remote name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">What the name is (branch, remote), for the message.</param>
    /// <exception cref="CakeException">The name is empty or not a valid git name.</exception>
    public static void EnsureValid(string name, string kind)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CakeException($"The git {kind} name is empty: set the {kind} to check.");
        }

        var invalid = name.StartsWith('-') || name.StartsWith('/') || name.EndsWith('/') || name.EndsWith(".lock", StringComparison.Ordinal)
            || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal)
            || name.Contains("//", StringComparison.Ordinal) || name.IndexOfAny(Forbidden) >= 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
        if (invalid)
        {
            throw new CakeException($"'{name}' is not a valid git {kind} name (see `git check-ref-format --help`): check the {kind} in your configuration.");
        }
    }
}
