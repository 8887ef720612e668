using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

/// <summary>
/// A minimal valid configuration and, Kamal style, a way to merge one bad fragment into it. The fragment goes
/// first, so the line and column of its errors read straight from the fragment (line 1 is its first line);
/// the top-level keys it has replace those of the minimal configuration.
/// </summary>
internal static partial class ConfigText
{
    public const string FileName = "fabulaws-config.yml";

    public const string Minimal = """
        deployments: [app]
        environments: [staging, production]
        branches:
          app:
            staging: main
            production: main
        region: us-east-1
        instance_types:
          web: t3.small
        auto_scaling_groups:
          app:
            staging: app-staging-ag
            production: app-production-ag
        load_balancers:
          app:
            staging: [app-staging-lb]
            production: [app-production-lb]
        instance_settings:
          ami: ami-0123456789abcdef0
        deploy_user: app
        static_html:
          upgrade_message: html/upgrade.html
          healthcheck_override: html/healthcheck.html
        """;

    /// <summary>Puts <paramref name="fragment"/> first, then the minimal configuration without the keys it replaces or <paramref name="without"/>.</summary>
    public static string With(string fragment, params string[] without)
    {
        var replaced = TopLevelKeys(fragment).Concat(without).ToHashSet();
        var kept = Blocks(Minimal).Where(block => !replaced.Contains(block.Key)).Select(block => block.Text);
        var head = fragment.Length == 0 ? [] : new[] { fragment.TrimEnd('\n') };
        return string.Join("\n", head.Concat(kept)) + "\n";
    }

    public static string Without(params string[] keys) => With(string.Empty, keys);

    public static FabulAwsConfig Parse(string yaml) => FabulAwsConfig.Parse(yaml, FileName);

    /// <summary>Parses text that must fail and returns its errors, formatted.</summary>
    public static IReadOnlyList<string> ErrorsOf(string yaml)
    {
        var exception = Assert.Throws<FabulAwsConfigurationException>(() => Parse(yaml));
        return exception.Errors.Select(error => error.ToString()).ToList();
    }

    /// <summary>Parses text that must fail with exactly one error and returns it.</summary>
    public static string ErrorOf(string yaml) => Assert.Single(ErrorsOf(yaml));

    private static IEnumerable<string> TopLevelKeys(string yaml) =>
        TopLevelKey().Matches(yaml).Select(match => match.Groups[1].Value);

    private static IEnumerable<(string Key, string Text)> Blocks(string yaml)
    {
        var lines = yaml.Split('\n');
        var start = 0;
        for (var i = 1; i <= lines.Length; i++)
        {
            if (i == lines.Length || TopLevelKey().IsMatch(lines[i]))
            {
                var key = TopLevelKey().Match(lines[start]).Groups[1].Value;
                yield return (key, string.Join("\n", lines[start..i]));
                start = i;
            }
        }
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex TopLevelKey();
}
