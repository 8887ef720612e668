using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Tests.Aws.Permissions;

/// <summary>One statement of an IAM policy document.</summary>
internal sealed record PolicyStatement(string? Sid, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, JsonElement? Condition)
{
    /// <summary>The value of a condition such as <c>StringEquals</c> / <c>aws:ResourceTag/role</c>, or null.</summary>
    public IReadOnlyList<string>? ConditionValues(string test, string key)
    {
        if (Condition is not { } condition || !condition.TryGetProperty(test, out var block) || !block.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];
    }
}

/// <summary>The repository's IAM policy (deploy/iam-policy.json), read as IAM reads it.</summary>
internal sealed class IamPolicy
{
    public const string FileName = "deploy/iam-policy.json";

    private IamPolicy(string version, IReadOnlyList<PolicyStatement> statements)
    {
        Version = version;
        Statements = statements;
    }

    public string Version { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Gets every action the policy names, as written (service prefix and name).</summary>
    public IReadOnlySet<string> Actions => Statements.SelectMany(s => s.Actions).ToHashSet();

    public static IamPolicy Load() => Parse(Configuration.RepositoryFiles.Read(FileName));

    public static IamPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var statements = root.GetProperty("Statement").EnumerateArray().Select(statement => new PolicyStatement(
            statement.TryGetProperty("Sid", out var sid) ? sid.GetString() : null,
            statement.GetProperty("Effect").GetString()!,
            Strings(statement.GetProperty("Action")),
            Strings(statement.GetProperty("Resource")),
            statement.TryGetProperty("Condition", out var condition) ? condition.Clone() : null)).ToList();
        return new IamPolicy(root.GetProperty("Version").GetString()!, statements);
    }

    /// <summary>Whether an IAM pattern (<c>*</c> and <c>?</c> wildcards) matches a value, as IAM compares resources.</summary>
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$");

    /// <summary>The statements that allow an action.</summary>
    public IEnumerable<PolicyStatement> Allowing(string action) => Statements.Where(s => s.Effect == "Allow" && s.Actions.Contains(action));

    private static IReadOnlyList<string> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(e => e.GetString()!)] : [element.GetString()!];
}
