using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cake.FabulAWS.Workflows.Safety;

/// <summary>
/// A value kept on a group's tags as base64 of its JSON, split into tag values of 256 characters under
/// <c>prefix0</c>, <c>prefix1</c>, ... (base64 uses only characters every AWS tag accepts).
/// </summary>
internal static class TagChunks
{
    private const int TagValueLength = 256;

    public static IReadOnlyDictionary<string, string> Write<T>(string prefix, T value)
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i * TagValueLength < text.Length; i++)
        {
            tags[prefix + i.ToString(CultureInfo.InvariantCulture)] = text.Substring(i * TagValueLength, Math.Min(TagValueLength, text.Length - (i * TagValueLength)));
        }

        return tags;
    }

    /// <returns>The value, or null when there is none or it is unreadable.</returns>
    public static T? Read<T>(string prefix, IReadOnlyDictionary<string, string> tags)
        where T : class
    {
        var parts = Keys(prefix, tags).Select(k => tags[k]).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(parts))));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The keys of the value's parts on the tags, in order.</summary>
    public static IReadOnlyList<string> Keys(string prefix, IReadOnlyDictionary<string, string> tags) =>
    [
        .. tags.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(k[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(k => int.Parse(k[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture)),
    ];
}
