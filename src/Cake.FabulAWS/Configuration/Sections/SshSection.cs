using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// <c>deploy_user</c>, <c>ec2_attr_for_ssh</c>, <c>ssh_key</c>, <c>ssh_port</c>, <c>known_hosts</c>,
/// <c>connect_timeout</c> and <c>command_timeout</c>. The first five may be one value or a map
/// <c>{environment: value}</c>; environments the map leaves out get the default, and <c>deploy_user</c>,
/// which has none, must then list every environment.
/// </summary>
internal sealed partial record SshSection(
    PerEnvironment<string>? DeployUser,
    PerEnvironment<string>? AddressAttribute,
    PerEnvironment<string?>? KeyPath,
    PerEnvironment<int>? Port,
    PerEnvironment<string?>? KnownHostsPath,
    int? ConnectTimeoutSeconds,
    int? CommandTimeoutSeconds)
{
    public const string DefaultAddressAttribute = "public_dns_name";

    public const int DefaultPort = 22;

    public static SshSection Read(RootEntries root, Scope environments, Diagnostics d)
    {
        PerEnvironment<string>? user = null;
        if (root["deploy_user"] is { } userNode)
        {
            user = PerEnvironment<string>.ReadRequired(userNode, "deploy_user", environments, User, "every environment needs a deploy_user", d);
        }
        else
        {
            d.Error(root.RootMark, "deploy_user", "missing (the user that owns the application on the instances)");
        }

        return new SshSection(
            user,
            Optional(root, "ec2_attr_for_ssh", environments, AddressAttributeName, DefaultAddressAttribute, d),
            Optional<string?>(root, "ssh_key", environments, AnyString, null, d),
            Optional(root, "ssh_port", environments, PortNumber, DefaultPort, d),
            Optional<string?>(root, "known_hosts", environments, AnyString, null, d),
            root.OptionalNumber("connect_timeout", 30, 1, 3600, d),
            root.OptionalNumber("command_timeout", 1800, 1, 86400, d));
    }

    private static PerEnvironment<T>? Optional<T>(RootEntries root, string key, Scope environments, TryReadValue<T> read, T fallback, Diagnostics d) =>
        root[key] is { } node
            ? PerEnvironment<T>.ReadOptional(node, key, environments, read, fallback, d)
            : PerEnvironment<T>.Everywhere(fallback);

    private static bool User(YamlNode node, string path, Diagnostics d, out string user)
    {
        user = Names.Matching(node, path, d, UserPattern(), "is not a valid Linux user name (lower case letters, digits, '_' and '-')")!;
        return user is not null;
    }

    private static bool AnyString(YamlNode node, string path, Diagnostics d, out string? value)
    {
        value = Nodes.String(node, path, d);
        return value is not null;
    }

    private static bool PortNumber(YamlNode node, string path, Diagnostics d, out int port)
    {
        var number = Nodes.WholeNumber(node, path, d, 1, 65535);
        port = number ?? 0;
        return number.HasValue;
    }

    private static bool AddressAttributeName(YamlNode node, string path, Diagnostics d, out string attribute)
    {
        attribute = Nodes.String(node, path, d)!;
        if (attribute is null || KnownKeys.SshAddressAttributes.Contains(attribute))
        {
            return attribute is not null;
        }

        var message = Suggestions.WithHint($"should be one of {string.Join(", ", KnownKeys.SshAddressAttributes)}, not '{attribute}'", attribute, KnownKeys.SshAddressAttributes);
        d.Error(node, path, message);
        return false;
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}
