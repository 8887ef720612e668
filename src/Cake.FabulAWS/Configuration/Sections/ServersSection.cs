using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// What CreateEnvironment builds: <c>servers</c> (the servers besides the web tier, <c>{role: count}</c> for every
/// environment and <c>{environment: {role: count}}</c> for one), <c>role_provision_commands</c> (<c>{role: [commands]}</c>)
/// and <c>group_settings</c> (the web tier of a new environment, one mapping for every environment and
/// <c>{environment: mapping}</c> for one, which starts from the first).
/// </summary>
internal sealed record ServersSection(
    IReadOnlyList<RoleServers> DefaultServers,
    IReadOnlyDictionary<string, IReadOnlyList<RoleServers>> EnvironmentServers,
    IReadOnlyDictionary<string, IReadOnlyList<CommandTemplate>> RoleCommands,
    GroupSettings DefaultGroup,
    IReadOnlyDictionary<string, GroupSettings> EnvironmentGroups)
{
    /// <summary>The most servers of one role an environment may have.</summary>
    public const int MaxPerRole = 20;

    private static readonly IReadOnlyList<string> HealthCheckTypes = ["ELB", "EC2"];

    /// <summary>Gets the servers of an environment, with their counts (0 included) in the file's order.</summary>
    public IReadOnlyList<RoleServers> ServersFor(string environment) =>
        EnvironmentServers.TryGetValue(environment, out var servers) ? servers : DefaultServers;

    /// <summary>Gets the group settings of an environment.</summary>
    public GroupSettings GroupFor(string environment) => EnvironmentGroups.GetValueOrDefault(environment, DefaultGroup);

    public static ServersSection Read(RootEntries root, Scope environments, string? webRole, Diagnostics d)
    {
        var (defaults, perEnvironment, roles) = ReadServers(root["servers"], environments, webRole, d);
        var commands = ReadRoleCommands(root["role_provision_commands"], roles, webRole, d);
        var (group, groups) = ReadGroups(root["group_settings"], environments, d);
        return new ServersSection(defaults, perEnvironment, commands, group, groups);
    }

    private static (List<RoleServers> Defaults, Dictionary<string, IReadOnlyList<RoleServers>> PerEnvironment, HashSet<string>? Roles) ReadServers(
        YamlNode? node, Scope environments, string? webRole, Diagnostics d)
    {
        var defaults = new List<RoleServers>();
        var perEnvironment = new Dictionary<string, IReadOnlyList<RoleServers>>(StringComparer.Ordinal);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (node is null || Nodes.IsNull(node))
        {
            return (defaults, perEnvironment, roles);
        }

        if (Nodes.Mapping(node, "servers", d) is not { } mapping)
        {
            return (defaults, perEnvironment, null);
        }

        foreach (var entry in Nodes.Entries(mapping, "servers", d))
        {
            if (entry.Value is YamlMappingNode level)
            {
                if (!environments.Contains(entry.Key))
                {
                    d.Error(entry.KeyNode, entry.Path, $"{Suggestions.WithHint("unknown environment", entry.Key, environments.Names ?? [])}; {environments.Listing} (a role takes a count: {entry.Key}: 1)");
                    continue;
                }

                perEnvironment[entry.Key] = Nodes.Entries(level, entry.Path, d).Select(role => ReadRole(role, webRole, roles, d)).OfType<RoleServers>().ToList();
            }
            else if (!environments.IsOpen && environments.Contains(entry.Key))
            {
                d.Error(entry.Value, entry.Path, $"should be a mapping {{role: count}} of the servers of {entry.Key}, not {Nodes.Describe(entry.Value)}");
            }
            else if (ReadRole(entry, webRole, roles, d) is { } servers)
            {
                defaults.Add(servers);
            }
        }

        return (defaults, perEnvironment, roles);
    }

    private static RoleServers? ReadRole(Entry entry, string? webRole, HashSet<string> roles, Diagnostics d)
    {
        if (!Names.IsName(entry.Key))
        {
            d.Error(entry.KeyNode, entry.Path, $"'{entry.Key}' {Names.NameRule}");
            return null;
        }

        roles.Add(entry.Key);
        if (entry.Key == webRole)
        {
            d.Error(entry.KeyNode, entry.Path, $"the {webRole} servers are the Auto Scaling group's: give how many with group_settings (desired_capacity)");
            return null;
        }

        return Nodes.WholeNumber(entry.Value, entry.Path, d, 0, MaxPerRole) is { } count ? new RoleServers(entry.Key, count) : null;
    }

    private static Dictionary<string, IReadOnlyList<CommandTemplate>> ReadRoleCommands(YamlNode? node, HashSet<string>? roles, string? webRole, Diagnostics d)
    {
        const string Key = "role_provision_commands";
        var commands = new Dictionary<string, IReadOnlyList<CommandTemplate>>(StringComparer.Ordinal);
        if (node is null || Nodes.IsNull(node) || Nodes.Mapping(node, Key, d) is not { } mapping)
        {
            return commands;
        }

        foreach (var entry in Nodes.Entries(mapping, Key, d))
        {
            if (entry.Key == webRole)
            {
                d.Error(entry.KeyNode, entry.Path, $"the {webRole} servers are baked from provision_commands; role_provision_commands is for the roles of servers");
            }
            else if (roles is not null && !roles.Contains(entry.Key))
            {
                var listing = roles.Count == 0 ? "servers lists no roles" : $"roles in servers: {string.Join(", ", roles)}";
                d.Error(entry.KeyNode, entry.Path, $"{Suggestions.WithHint("no environment has servers of this role", entry.Key, roles)}; {listing}");
            }

            commands[entry.Key] = CommandsSection.ReadList(entry.Value, entry.Path, d);
        }

        return commands;
    }

    private static (GroupSettings Default, Dictionary<string, GroupSettings> PerEnvironment) ReadGroups(YamlNode? node, Scope environments, Diagnostics d)
    {
        const string Key = "group_settings";
        var perEnvironment = new Dictionary<string, GroupSettings>(StringComparer.Ordinal);
        if (node is null || Nodes.IsNull(node) || Nodes.Mapping(node, Key, d) is not { } mapping)
        {
            return (new GroupSettings(), perEnvironment);
        }

        var entries = Nodes.Entries(mapping, Key, d).ToList();
        var fallback = ReadGroup(mapping, entries.Where(e => KnownKeys.GroupSettings.Contains(e.Key)).ToList(), new GroupSettings(), Key, d) ?? new GroupSettings();
        foreach (var entry in entries.Where(e => !KnownKeys.GroupSettings.Contains(e.Key)))
        {
            if (!environments.Contains(entry.Key))
            {
                var hint = Suggestions.WithHint("unknown key or environment", entry.Key, KnownKeys.GroupSettings.Concat(environments.Names ?? []));
                d.Error(entry.KeyNode, entry.Path, $"{hint}; keys: {string.Join(", ", KnownKeys.GroupSettings)}; {environments.Listing}");
            }
            else if (Nodes.Mapping(entry.Value, entry.Path, d) is { } level)
            {
                var keys = Keys.Check(level, entry.Path, KnownKeys.GroupSettings, KnownKeys.None, d);
                if (ReadGroup(level, [.. keys.Values], fallback, entry.Path, d) is { } settings)
                {
                    perEnvironment[entry.Key] = settings;
                }
            }
        }

        return (fallback, perEnvironment);
    }

    private static GroupSettings? ReadGroup(YamlMappingNode mapping, IReadOnlyList<Entry> entries, GroupSettings basis, string path, Diagnostics d)
    {
        var settings = basis;
        var usable = true;
        int? Number(string key, int min, int max) =>
            entries.FirstOrDefault(e => e.Key == key) is { Path: not null } entry ? Nodes.WholeNumber(entry.Value, entry.Path, d, min, max) ?? Unusable() : null;
        int? Unusable()
        {
            usable = false;
            return null;
        }

        settings = settings with
        {
            MinSize = Number("min_size", 0, 1000) ?? settings.MinSize,
            MaxSize = Number("max_size", 1, 1000) ?? settings.MaxSize,
            DesiredCapacity = Number("desired_capacity", 1, 1000) ?? settings.DesiredCapacity,
            HealthCheckGracePeriod = Number("health_check_grace_period", 0, 7200) ?? settings.HealthCheckGracePeriod,
        };
        if (entries.FirstOrDefault(e => e.Key == "health_check_type") is { Path: not null } type && Nodes.String(type.Value, type.Path, d) is { } text)
        {
            if (HealthCheckTypes.Contains(text))
            {
                settings = settings with { HealthCheckType = text };
            }
            else
            {
                d.Error(type.Value, type.Path, Suggestions.WithHint($"should be ELB or EC2, not '{text}'", text, HealthCheckTypes));
                usable = false;
            }
        }

        if (!usable)
        {
            return null;
        }

        if (settings.MinSize > settings.DesiredCapacity || settings.DesiredCapacity > settings.MaxSize)
        {
            d.Error(mapping, path, $"needs min_size <= desired_capacity <= max_size, not {settings.MinSize}, {settings.DesiredCapacity}, {settings.MaxSize}");
            return null;
        }

        return settings;
    }
}
