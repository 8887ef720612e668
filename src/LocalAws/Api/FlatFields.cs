using System.Globalization;

namespace LocalAws.Api;

/// <summary>
/// Request parameters kept as sent (<c>BlockDeviceMapping.1.Ebs.VolumeSize</c>, or <c>SecurityGroups.member.1</c>
/// in Query), turned back into the response's XML tree, so every field a client sent comes back.
/// </summary>
internal sealed class FlatFields
{
    private readonly List<(string Name, FlatFields Node)> children = [];
    private readonly SortedDictionary<int, FlatFields> items = [];
    private string? value;

    /// <summary>Builds the tree of the fields.</summary>
    /// <param name="fields">Flattened names and values.</param>
    /// <param name="query">Query lists (<c>Name.member.N</c>) rather than EC2 lists (<c>Name.N</c>).</param>
    /// <returns>The root.</returns>
    public static FlatFields Parse(IEnumerable<KeyValuePair<string, string>> fields, bool query)
    {
        var root = new FlatFields();
        foreach (var (key, text) in fields)
        {
            var node = root;
            var segments = key.Split('.');
            for (var i = 0; i < segments.Length; i++)
            {
                if (query && segments[i] == "member" && i + 1 < segments.Length && Index(segments[i + 1]) is { } member)
                {
                    node = node.Item(member);
                    i++;
                }
                else
                {
                    node = Index(segments[i]) is { } index && !query ? node.Item(index) : node.Child(segments[i]);
                }
            }

            node.value = text;
        }

        return root;
    }

    /// <summary>The first segment of a flattened name: the top-level member it belongs to.</summary>
    /// <param name="key">The flattened name.</param>
    /// <returns>The member name.</returns>
    public static string Top(string key) => key.Split('.', 2)[0];

    /// <summary>Writes the children of this node.</summary>
    /// <param name="xml">The output (its item name is used for list items).</param>
    /// <param name="name">The element name of a member: (parent member, member, is a list) to element.</param>
    /// <param name="parent">The member this node is, for <paramref name="name"/>.</param>
    public void Write(XmlOut xml, Func<string, string, bool, string> name, string parent = "")
    {
        foreach (var (member, node) in children)
        {
            var element = name(parent, member, node.items.Count > 0);
            if (node.items.Count > 0)
            {
                xml.List(element, node.items.Values, (x, item) => item.WriteValue(x, name, member));
            }
            else if (node.children.Count == 0)
            {
                xml.Leaf(element, node.value);
            }
            else
            {
                xml.Element(element, x => node.Write(x, name, member));
            }
        }
    }

    private static int? Index(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    private void WriteValue(XmlOut xml, Func<string, string, bool, string> name, string parent)
    {
        if (children.Count == 0 && items.Count == 0)
        {
            xml.Text(value);
        }
        else
        {
            Write(xml, name, parent);
        }
    }

    private FlatFields Child(string name)
    {
        var found = children.Find(c => c.Name == name).Node;
        if (found is null)
        {
            found = new FlatFields();
            children.Add((name, found));
        }

        return found;
    }

    private FlatFields Item(int index)
    {
        if (!items.TryGetValue(index, out var found))
        {
            found = new FlatFields();
            items[index] = found;
        }

        return found;
    }
}
