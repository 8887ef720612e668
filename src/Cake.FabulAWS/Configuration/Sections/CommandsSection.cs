using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// <c>web_role</c> and <c>worker_role</c> (the instances), <c>provision_commands</c> (run on the builder instance of
/// the web role) and <c>deploy_worker_commands</c> (run on the worker on each deploy).
/// </summary>
internal sealed record CommandsSection(
    string? WebRole,
    string? WorkerRole,
    IReadOnlyList<CommandTemplate> ProvisionCommands,
    IReadOnlyList<CommandTemplate> DeployWorkerCommands)
{
    public static CommandsSection Read(RootEntries root, Diagnostics d) => new(
        ReadRole(root, "web_role", "web", d),
        ReadRole(root, "worker_role", "worker", d),
        ReadCommands(root, "provision_commands", d),
        ReadCommands(root, "deploy_worker_commands", d));

    private static string? ReadRole(RootEntries root, string key, string fallback, Diagnostics d)
    {
        var role = root.OptionalString(key, fallback, d);
        if (role is not null && !Names.IsName(role))
        {
            d.Error(root[key]!, key, $"'{role}' {Names.NameRule}");
            return null;
        }

        return role;
    }

    private static List<CommandTemplate> ReadCommands(RootEntries root, string key, Diagnostics d) =>
        root[key] is { } node ? ReadList(node, key, d) : [];

    /// <summary>Reads a list of commands at a path, each checked for unknown placeholders; empty when the node is empty.</summary>
    public static List<CommandTemplate> ReadList(YamlDotNet.RepresentationModel.YamlNode node, string key, Diagnostics d)
    {
        if (Nodes.IsNull(node) || Nodes.Sequence(node, key, d) is not { } sequence)
        {
            return [];
        }

        var commands = new List<CommandTemplate>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (Nodes.String(sequence.Children[i], path, d) is not { } text)
            {
                continue;
            }

            var command = new CommandTemplate(text);
            var unknown = command.UsedPlaceholders.Where(name => !CommandTemplate.Placeholders.Contains(name)).ToList();
            foreach (var name in unknown)
            {
                var hint = Suggestions.Closest(name, CommandTemplate.Placeholders) is { } close ? $" (did you mean {{{{{close}}}}}?)" : string.Empty;
                var known = string.Join(", ", CommandTemplate.Placeholders.Select(placeholder => $"{{{{{placeholder}}}}}"));
                d.Error(sequence.Children[i], path, $"unknown placeholder {{{{{name}}}}}{hint}; placeholders: {known}");
            }

            if (unknown.Count == 0)
            {
                commands.Add(command);
            }
        }

        return commands;
    }
}
