using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// <c>deploy_user</c>, <c>ec2_attr_for_ssh</c>, <c>ssh_key</c>, <c>ssh_port</c>, <c>known_hosts</c>,
/// <c>connect_timeout</c> and <c>command_timeout</c>.
/// </summary>
internal sealed partial record SshSection(
    string? DeployUser,
    string? AddressAttribute,
    string? KeyPath,
    int? Port,
    string? KnownHostsPath,
    int? ConnectTimeoutSeconds,
    int? CommandTimeoutSeconds)
{
    public const string DefaultAddressAttribute = "public_dns_name";

    public static SshSection Read(RootEntries root, Diagnostics d)
    {
        string? user = null;
        if (root["deploy_user"] is { } userNode)
        {
            user = Names.Matching(userNode, "deploy_user", d, UserPattern(), "is not a valid Linux user name (lower case letters, digits, '_' and '-')");
        }
        else
        {
            d.Error(root.RootMark, "deploy_user", "missing (the user that owns the application on the instances)");
        }

        return new SshSection(
            user,
            ReadAddressAttribute(root, d),
            root.OptionalString("ssh_key", null, d),
            root.OptionalNumber("ssh_port", 22, 1, 65535, d),
            root.OptionalString("known_hosts", null, d),
            root.OptionalNumber("connect_timeout", 30, 1, 3600, d),
            root.OptionalNumber("command_timeout", 1800, 1, 86400, d));
    }

    private static string? ReadAddressAttribute(RootEntries root, Diagnostics d)
    {
        var value = root.OptionalString("ec2_attr_for_ssh", DefaultAddressAttribute, d);
        if (value is null || KnownKeys.SshAddressAttributes.Contains(value))
        {
            return value;
        }

        var message = Suggestions.WithHint($"should be one of {string.Join(", ", KnownKeys.SshAddressAttributes)}, not '{value}'", value, KnownKeys.SshAddressAttributes);
        d.Error(root["ec2_attr_for_ssh"]!, "ec2_attr_for_ssh", message);
        return null;
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}
