using System.Globalization;
using System.Text;
using System.Text.Json;
using Cake.FabulAWS.Ports;

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

    /// <summary>Writes the value over the one on the group's tags (<paramref name="existing"/>), removing parts it no longer needs.</summary>
    public static async Task ReplaceAsync<T>(IAutoScalingGroups groups, string groupName, string prefix, T value, IReadOnlyDictionary<string, string> existing, CancellationToken cancellationToken)
    {
        var written = Write(prefix, value);
        await groups.SetTagsAsync(groupName, written, propagateAtLaunch: false, cancellationToken).ConfigureAwait(false);
        var leftOver = Keys(prefix, existing).Except(written.Keys).ToList();
        if (leftOver.Count > 0)
        {
            await groups.DeleteTagsAsync(groupName, leftOver, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the value from the group's tags (<paramref name="existing"/>), if it is there.</summary>
    public static async Task RemoveAsync(IAutoScalingGroups groups, string groupName, string prefix, IReadOnlyDictionary<string, string> existing, CancellationToken cancellationToken)
    {
        var keys = Keys(prefix, existing);
        if (keys.Count > 0)
        {
            await groups.DeleteTagsAsync(groupName, keys, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The keys of the value's parts on the tags, in order.</summary>
    public static IReadOnlyList<string> Keys(string prefix, IReadOnlyDictionary<string, string> tags) =>
    [
        .. tags.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(k[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(k => int.Parse(k[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture)),
    ];
}
