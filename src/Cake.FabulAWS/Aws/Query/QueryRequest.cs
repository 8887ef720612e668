using System.Globalization;
using Amazon.Runtime;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// One Query-protocol call: the action and its flattened parameters in the order they are added.
/// Lists become <c>Name.member.N</c> (1-based), lists of structures <c>Name.member.N.Field</c>, and an empty list
/// is sent as <c>Name=</c>, as the AWS Query protocol defines.
/// </summary>
internal sealed class QueryRequest(string action) : AmazonWebServiceRequest
{
    private readonly List<KeyValuePair<string, string>> parameters = [];

    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => parameters;

    public QueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }

        return this;
    }

    public QueryRequest Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryRequest Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public QueryRequest AddList(string name, IEnumerable<string>? values) =>
        AddStructures(name, values, (prefix, value, request) => request.Add(prefix, value));

    public QueryRequest AddStructures<T>(string name, IEnumerable<T>? items, Action<string, T, QueryRequest> addFields)
    {
        if (items is null)
        {
            return this;
        }

        var index = 0;
        foreach (var item in items)
        {
            addFields($"{name}.member.{++index}", item, this);
        }

        return index == 0 ? Add(name, string.Empty) : this;
    }
}
