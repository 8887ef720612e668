using System.Globalization;
using System.Xml.Linq;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>Reads Query-protocol XML (namespaces already removed): scalars, <c>Name/member</c> lists, timestamps.</summary>
internal static class QueryXml
{
    public static string? Text(this XElement? element, string name) => element?.Element(name)?.Value;

    public static string Required(this XElement element, string name) => element.Element(name)?.Value ?? string.Empty;

    public static int? Int(this XElement? element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this XElement? element, string name) => element.Text(name) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public static DateTimeOffset? Time(this XElement? element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    public static IEnumerable<XElement> Members(this XElement? element, string listName) =>
        element?.Element(listName)?.Elements("member") ?? [];

    public static IReadOnlyList<string> Strings(this XElement? element, string listName) =>
        element.Members(listName).Select(member => member.Value).ToList();
}
