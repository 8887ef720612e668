using System.Diagnostics.CodeAnalysis;
using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>Reads one typed value at a path, reporting problems; <c>false</c> when the value is unusable.</summary>
internal delegate bool TryReadValue<T>(YamlNode node, string path, Diagnostics d, [MaybeNullWhen(false)] out T value);

/// <summary>
/// A setting written either as one plain value for every environment (as in FabulAWS), e.g. <c>ssh_port: 2222</c>,
/// or as a map <c>{environment: value}</c>, e.g. <c>ssh_port: {local: 2222}</c>. A mapping is always the map form.
/// </summary>
internal sealed class PerEnvironment<T>
{
    private readonly Dictionary<string, T> values;
    private readonly T unlisted;

    private PerEnvironment(Dictionary<string, T> values, T unlisted)
    {
        this.values = values;
        this.unlisted = unlisted;
    }

    /// <summary>Gets the value of one environment; an environment the map leaves out gets the default.</summary>
    public T For(string environment) => values.TryGetValue(environment, out var value) ? value : unlisted;

    /// <summary>The same value for every environment: a plain value, or the default when the key is absent.</summary>
    public static PerEnvironment<T> Everywhere(T value) => new(new Dictionary<string, T>(StringComparer.Ordinal), value);

    /// <summary>Reads an optional setting: environments the map leaves out get <paramref name="fallback"/>; <c>null</c> when unusable.</summary>
    public static PerEnvironment<T>? ReadOptional(YamlNode node, string key, Scope environments, TryReadValue<T> read, T fallback, Diagnostics d)
    {
        if (node is not YamlMappingNode mapping)
        {
            return read(node, key, d, out var value) ? Everywhere(value) : null;
        }

        var (values, _, usable) = ReadMap(mapping, key, environments, read, d);
        return usable ? new PerEnvironment<T>(values, fallback) : null;
    }

    /// <summary>Reads a setting without a default: a map must list every environment; <c>null</c> when unusable.</summary>
    public static PerEnvironment<T>? ReadRequired(YamlNode node, string key, Scope environments, TryReadValue<T> read, string reason, Diagnostics d)
    {
        if (node is not YamlMappingNode mapping)
        {
            return read(node, key, d, out var value) ? Everywhere(value) : null;
        }

        // Every environment left out is reported, also when another entry of the map is wrong.
        var (values, listed, usable) = ReadMap(mapping, key, environments, read, d);
        var missing = (environments.Names ?? []).Where(name => !listed.Contains(name)).ToList();
        missing.ForEach(name => d.Error(mapping, Nodes.Join(key, name), $"missing ({reason})"));
        return usable && missing.Count == 0 ? new PerEnvironment<T>(values, default!) : null;
    }

    private static (Dictionary<string, T> Values, HashSet<string> Listed, bool Usable) ReadMap(
        YamlMappingNode mapping, string key, Scope environments, TryReadValue<T> read, Diagnostics d)
    {
        var values = new Dictionary<string, T>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var usable = true;
        foreach (var entry in Nodes.Entries(mapping, key, d))
        {
            listed.Add(entry.Key);
            if (!environments.Contains(entry.Key))
            {
                var message = Suggestions.WithHint("unknown environment", entry.Key, environments.Names ?? []);
                d.Error(entry.KeyNode, entry.Path, $"{message}; {environments.Listing}");
                usable = false;
            }
            else if (read(entry.Value, entry.Path, d, out var value))
            {
                values[entry.Key] = value;
            }
            else
            {
                usable = false;
            }
        }

        return (values, listed, usable);
    }
}
