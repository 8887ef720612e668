using System.Text.RegularExpressions;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Configuration;

/// <summary>
/// One shell command from <c>provision_commands</c> or <c>deploy_worker_commands</c>, with <c>{{name}}</c>
/// placeholders that are filled in when it runs.
/// </summary>
public sealed partial record CommandTemplate
{
    /// <summary>The placeholders a command may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["deployment", "environment", "branch", "commit", "deploy_user", "static_root", "code_root"];

    /// <summary>Initializes a new instance of the <see cref="CommandTemplate"/> class.</summary>
    /// <param name="text">The command as written in the file.</param>
    public CommandTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Gets the command as written in the file.</summary>
    public string Text { get; }

    /// <summary>Gets the placeholder names the command uses, in order of first use.</summary>
    public IReadOnlyList<string> UsedPlaceholders =>
        PlaceholderPattern().Matches(Text).Select(match => match.Groups[1].Value).Distinct().ToList();

    /// <summary>Fills in the placeholders, each value quoted for the shell (a leading <c>~/</c> stays expandable).</summary>
    /// <param name="values">A value for every placeholder the command uses.</param>
    /// <returns>The command to run.</returns>
    /// <exception cref="ArgumentException">A placeholder has no value.</exception>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return PlaceholderPattern().Replace(Text, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? ShellQuote.Path(value)
                : throw new ArgumentException($"No value for placeholder {match.Value} in command '{Text}'.", nameof(values)));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
