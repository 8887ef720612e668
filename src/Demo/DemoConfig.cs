using YamlDotNet.RepresentationModel;

namespace Demo;

/// <summary>
/// What the demo reads from the demo app's fabulaws-config.yml for its environment <c>local</c>: the names of the group and
/// the load balancer the client polls, LocalAws's endpoint, the secrets to make up, and the upgrade page to recognise.
/// The targets themselves read the whole file, as always.
/// </summary>
internal sealed record DemoConfig(string Deployment, string Group, string LoadBalancer, string EndpointUrl, IReadOnlyList<string> PasswordNames, string UpgradePage)
{
    public const string Environment = "local";

    public static DemoConfig Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var deployments = Sequence(root, "deployments").ToList();
        var deployment = Scalar(root, "default_deployment", required: false)
            ?? (deployments.Count == 1 ? deployments[0] : throw Missing(file, "default_deployment (or a single deployment)"));
        string PerEnvironment(string key) =>
            Child(Child(root, key, file), deployment, file) is YamlMappingNode byEnvironment && byEnvironment.Children.TryGetValue(Environment, out var value)
                ? value is YamlSequenceNode list ? ((YamlScalarNode)list.Children[0]).Value! : ((YamlScalarNode)value).Value!
                : throw Missing(file, $"{key}/{deployment}/{Environment}");
        var endpoint = Child(root, "endpoint_urls", file) is YamlMappingNode urls && urls.Children.TryGetValue(Environment, out var url)
            ? ((YamlScalarNode)url).Value! : throw Missing(file, $"endpoint_urls/{Environment} (the demo runs against LocalAws)");
        var upgrade = Scalar((YamlMappingNode)Child(root, "static_html", file), "upgrade_message", required: true)!;
        return new DemoConfig(deployment, PerEnvironment("auto_scaling_groups"), PerEnvironment("load_balancers"), endpoint, Sequence(root, "password_names").ToList(), upgrade);
    }

    private static YamlNode Child(YamlMappingNode node, string key, string file) =>
        node.Children.TryGetValue(key, out var value) ? value : throw Missing(file, key);

    private static YamlNode Child(YamlNode node, string key, string file) =>
        node is YamlMappingNode map ? Child(map, key, file) : throw Missing(file, key);

    private static string? Scalar(YamlMappingNode node, string key, bool required) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value
        : required ? throw new InvalidOperationException($"{key}: missing") : null;

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode list ? list.Children.Select(c => ((YamlScalarNode)c).Value!) : [];

    private static InvalidOperationException Missing(string file, string path) =>
        new($"{file}: {path} is missing; the demo needs it for environment '{Environment}'.");
}
