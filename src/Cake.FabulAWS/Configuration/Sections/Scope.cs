namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>The names one level of a <see cref="ScopedMap{T}"/> may use: deployments, environments or (open) roles.</summary>
/// <param name="Noun">What a name is: deployment, environment, role.</param>
/// <param name="Names">The allowed names; <c>null</c> when any name goes (roles, or a list that failed to load).</param>
internal sealed record Scope(string Noun, IReadOnlyList<string>? Names)
{
    public bool IsOpen => Names is null;

    public bool Contains(string name) => Names is null || Names.Contains(name);

    public string Listing => $"{Noun}s: {string.Join(", ", Names ?? [])}";
}
