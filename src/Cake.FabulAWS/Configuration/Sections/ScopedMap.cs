using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>Reads one typed value at a path, reporting problems; <c>null</c> when the value is unusable.</summary>
internal delegate T? ValueReader<T>(YamlNode node, string path, Diagnostics d)
    where T : class;

/// <summary>
/// A two-level map such as <c>auto_scaling_groups: {deployment: {environment: name}}</c>, read the way FabulAWS's
/// <c>_find</c> reads it: <c>{outer: {inner: value}}</c>, <c>{outer: value}</c> for every inner name, or
/// <c>{inner: value}</c> for every outer name.
/// </summary>
internal sealed class ScopedMap<T>
    where T : class
{
    private readonly Dictionary<string, T> outerValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (YamlMappingNode Node, Dictionary<string, T> Values)> nested = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> innerValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> invalidOuter = new(StringComparer.Ordinal);
    private readonly HashSet<(string Outer, string Inner)> invalidNested = [];
    private readonly HashSet<string> invalidInner = new(StringComparer.Ordinal);

    private ScopedMap(string name, YamlNode? node)
    {
        Name = name;
        Node = node;
    }

    public string Name { get; }

    /// <summary>Gets the node of the whole map, or <c>null</c> when the key is absent.</summary>
    public YamlNode? Node { get; }

    /// <summary>Gets a value indicating whether the key is absent, has no value or is an empty mapping.</summary>
    public bool IsEmpty => Node is null || Nodes.IsNull(Node) || Node is YamlMappingNode { Children.Count: 0 };

    public static ScopedMap<T> Read(string name, YamlNode? node, Scope outer, Scope inner, ValueReader<T> read, Diagnostics d)
    {
        var map = new ScopedMap<T>(name, node);
        if (node is null || Nodes.IsNull(node) || Nodes.Mapping(node, name, d) is not { } mapping)
        {
            return map;
        }

        foreach (var entry in Nodes.Entries(mapping, name, d))
        {
            map.ReadEntry(entry, outer, inner, read, d);
        }

        return map;
    }

    /// <summary>Finds the value for an outer and inner name, in FabulAWS's order; <c>null</c> when there is none.</summary>
    public T? Find(string outerName, string innerName)
    {
        if (nested.TryGetValue(outerName, out var level))
        {
            return level.Values.GetValueOrDefault(innerName);
        }

        return outerValues.GetValueOrDefault(outerName) ?? innerValues.GetValueOrDefault(innerName);
    }

    /// <summary>Tells whether the value for a pair was written but is unusable (already reported), in FabulAWS's order.</summary>
    public bool IsInvalid(string outerName, string innerName)
    {
        if (nested.ContainsKey(outerName))
        {
            return invalidNested.Contains((outerName, innerName));
        }

        return invalidOuter.Contains(outerName) || (!outerValues.ContainsKey(outerName) && invalidInner.Contains(innerName));
    }

    /// <summary>Lists every inner name with its value for one outer name (e.g. the instance type of each role).</summary>
    public IReadOnlyDictionary<string, T> ValuesFor(string outerName, IEnumerable<string> innerNames)
    {
        var names = innerNames.Concat(innerValues.Keys).Concat(nested.Values.SelectMany(level => level.Values.Keys)).Distinct();
        return names.Select(innerName => (innerName, value: Find(outerName, innerName)))
            .Where(pair => pair.value is not null)
            .ToDictionary(pair => pair.innerName, pair => pair.value!, StringComparer.Ordinal);
    }

    /// <summary>Gets where the values of one outer name are written, for errors about them; <c>null</c> when the key is absent.</summary>
    public Mark? MarkFor(string outerName) =>
        nested.TryGetValue(outerName, out var level) ? level.Node.Start : Node?.Start;

    /// <summary>Reports every outer and inner pair without a value (one error when the whole key is absent).</summary>
    public void RequireEach(IEnumerable<string> outerNames, IEnumerable<string> innerNames, string reason, Mark rootMark, Diagnostics d)
    {
        if (IsEmpty)
        {
            d.Error(Node?.Start ?? rootMark, Name, $"missing ({reason})");
            return;
        }

        foreach (var outerName in outerNames)
        {
            foreach (var innerName in innerNames)
            {
                if (Find(outerName, innerName) is null && !IsInvalid(outerName, innerName) && !d.HasErrorOn(Name))
                {
                    d.Error(MarkFor(outerName) ?? rootMark, $"{Name}/{outerName}/{innerName}", $"missing ({reason})");
                }
            }
        }
    }

    private void ReadEntry(Entry entry, Scope outer, Scope inner, ValueReader<T> read, Diagnostics d)
    {
        // When the outer names are unknown (their list failed to load) a key that is no inner name is taken as outer.
        var isOuter = outer.IsOpen ? entry.Value is YamlMappingNode || !inner.Contains(entry.Key) : outer.Contains(entry.Key);
        if (isOuter && entry.Value is YamlMappingNode level)
        {
            var values = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var innerEntry in Nodes.Entries(level, entry.Path, d))
            {
                if (!inner.Contains(innerEntry.Key))
                {
                    d.Error(innerEntry.KeyNode, innerEntry.Path, Unknown(innerEntry.Key, inner));
                }
                else if (read(innerEntry.Value, innerEntry.Path, d) is { } value)
                {
                    values[innerEntry.Key] = value;
                }
                else
                {
                    invalidNested.Add((entry.Key, innerEntry.Key));
                }
            }

            nested[entry.Key] = (level, values);
        }
        else if (isOuter)
        {
            AddValue(outerValues, entry, read, d, invalidOuter);
        }
        else if (inner.IsOpen && entry.Value is YamlMappingNode)
        {
            d.Error(entry.KeyNode, entry.Path, Unknown(entry.Key, outer));
        }
        else if (inner.Contains(entry.Key))
        {
            AddValue(innerValues, entry, read, d, invalidInner);
        }
        else
        {
            var hint = Suggestions.WithHint($"unknown {outer.Noun} or {inner.Noun}", entry.Key, (outer.Names ?? []).Concat(inner.Names ?? []));
            d.Error(entry.KeyNode, entry.Path, $"{hint}; {outer.Listing}; {inner.Listing}");
        }
    }

    private static void AddValue(Dictionary<string, T> values, Entry entry, ValueReader<T> read, Diagnostics d, HashSet<string> invalid)
    {
        if (read(entry.Value, entry.Path, d) is { } value)
        {
            values[entry.Key] = value;
        }
        else
        {
            invalid.Add(entry.Key);
        }
    }

    private static string Unknown(string key, Scope scope) =>
        $"{Suggestions.WithHint($"unknown {scope.Noun}", key, scope.Names ?? [])}; {scope.Listing}";
}
