using System.Globalization;

namespace LocalAws.Api;

/// <summary>
/// The flattened parameters of one Query/EC2 request (form body plus query string).
/// Lists are <c>Name.member.N</c> (Query) or <c>Name.N</c> (EC2), structures <c>Name.Field</c>.
/// </summary>
internal sealed class QueryRequest(IReadOnlyDictionary<string, string> values, bool ec2)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public bool IsEc2 { get; } = ec2;

    public string Action => Get("Action") ?? string.Empty;

    public string? Get(string name) => Values.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) => Get(name) is { Length: > 0 } v ? v : throw Missing(name);

    public int? Int(string name) => Get(name) is { Length: > 0 } v
        ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw Invalid(name, v)
        : null;

    public bool? Bool(string name) => Get(name) is { Length: > 0 } v ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>A structure nested under <paramref name="prefix"/>.</summary>
    public QueryRequest Sub(string prefix)
    {
        var p = prefix + ".";
        var sub = Values.Where(kv => kv.Key.StartsWith(p, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[p.Length..], kv => kv.Value, StringComparer.Ordinal);
        return new QueryRequest(sub, IsEc2);
    }

    public bool Has(string prefix) => Values.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal));

    /// <summary>The items of a list of structures, in index order.</summary>
    public IReadOnlyList<QueryRequest> Structs(string name) => Indices(name).Select(i => Sub(ItemPrefix(name) + i)).ToList();

    /// <summary>The items of a list of strings, in index order.</summary>
    public IReadOnlyList<string> Strings(string name) => Indices(name).Select(i => Get(ItemPrefix(name) + i) ?? string.Empty).ToList();

    public AwsException Missing(string name) => IsEc2
        ? new AwsException("MissingParameter", $"The request must contain the parameter {name}")
        : AwsException.Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    public AwsException Invalid(string name, string value) => IsEc2
        ? new AwsException("InvalidParameterValue", $"Value ({value}) for parameter {name} is invalid.")
        : AwsException.Validation($"Value '{value}' at '{name}' failed to satisfy constraint.");

    private string ItemPrefix(string name) => IsEc2 ? name + "." : name + ".member.";

    private IEnumerable<int> Indices(string name)
    {
        var prefix = ItemPrefix(name);
        var found = new SortedSet<int>();
        foreach (var key in Values.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[prefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var digits = dot < 0 ? rest : rest[..dot];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                found.Add(index);
            }
        }

        return found;
    }
}
