using System.Text.RegularExpressions;

namespace Demo;

/// <summary>The version the demo app's page shows: <c>&lt;span id="version"&gt;N&lt;/span&gt;</c>.</summary>
internal static partial class PageVersion
{
    public static int? Read(string page) => Marker().Match(page) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static string Write(string page, int version) => Marker().Replace(page, $"<span id=\"version\">{version}</span>", 1);

    [GeneratedRegex("<span id=\"version\">([0-9]+)</span>")]
    private static partial Regex Marker();
}
