using System.Globalization;
using System.Security;
using System.Text;

namespace LocalAws.Api;

/// <summary>Writes the XML of a response: elements, leaves (nulls skipped) and lists (member or item).</summary>
internal sealed class XmlOut
{
    private readonly StringBuilder text = new();
    private readonly Stack<string> open = new();

    public XmlOut(string itemName) => ItemName = itemName;

    /// <summary>Gets the list item element name: member (Query) or item (EC2).</summary>
    public string ItemName { get; }

    public XmlOut Open(string name, string? xmlns = null)
    {
        text.Append('<').Append(name);
        if (xmlns is not null)
        {
            text.Append(" xmlns=\"").Append(xmlns).Append('"');
        }

        text.Append('>');
        open.Push(name);
        return this;
    }

    public XmlOut Close()
    {
        text.Append("</").Append(open.Pop()).Append('>');
        return this;
    }

    public XmlOut Leaf(string name, string? value)
    {
        if (value is not null)
        {
            text.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');
        }

        return this;
    }

    /// <summary>Writes escaped text inside the element that is open (a list item of strings).</summary>
    public XmlOut Text(string? value)
    {
        text.Append(SecurityElement.Escape(value ?? string.Empty));
        return this;
    }

    public XmlOut Leaf(string name, long? value) => Leaf(name, value?.ToString(CultureInfo.InvariantCulture));

    public XmlOut Leaf(string name, bool? value) => Leaf(name, value is null ? null : value.Value ? "true" : "false");

    public XmlOut Leaf(string name, DateTimeOffset? value) => Leaf(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public XmlOut Element(string name, Action<XmlOut> body)
    {
        Open(name);
        body(this);
        return Close();
    }

    public XmlOut List<T>(string name, IEnumerable<T> items, Action<XmlOut, T> body, string? itemName = null)
    {
        Open(name);
        foreach (var item in items)
        {
            Open(itemName ?? ItemName);
            body(this, item);
            Close();
        }

        return Close();
    }

    public XmlOut Strings(string name, IEnumerable<string> values, string? itemName = null)
    {
        Open(name);
        foreach (var value in values)
        {
            Leaf(itemName ?? ItemName, value);
        }

        return Close();
    }

    /// <summary>Writes tags as EC2 tagSet items.</summary>
    public XmlOut TagSet(IReadOnlyDictionary<string, string> tags, string name = "tagSet") =>
        List(name, tags.OrderBy(t => t.Key, StringComparer.Ordinal), (x, t) => x.Leaf("key", t.Key).Leaf("value", t.Value));

    public override string ToString() => text.ToString();
}
