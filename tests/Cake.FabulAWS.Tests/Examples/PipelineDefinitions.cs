using System.Text.RegularExpressions;
using Cake.FabulAWS.Tests.Configuration;

namespace Cake.FabulAWS.Tests.Examples;

/// <summary>The targets and arguments the pipeline defines, read from build/*.cake.</summary>
internal static partial class PipelineDefinitions
{
    /// <summary>Arguments the Cake runner itself reads.</summary>
    private static readonly string[] CakeArguments = ["verbosity", "tree", "description", "dryrun", "exclusive"];

    /// <summary>Gets the names of the tasks of build/build.cake.</summary>
    public static IReadOnlySet<string> Targets { get; } = TaskName().Matches(RepositoryFiles.Read("build/build.cake")).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Gets every argument a script of build/ reads, and Cake's own.</summary>
    public static IReadOnlySet<string> Arguments { get; } = Directory.GetFiles(RepositoryFiles.Path("build"), "*.cake")
        .SelectMany(file => ArgumentName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
        .Concat(CakeArguments)
        .ToHashSet();

    /// <summary>The targets a production environment must confirm (build/parameters.cake, ResolveDeployment).</summary>
    public static IReadOnlySet<string> ConfirmedTargets { get; } = ConfirmedTarget().Match(RepositoryFiles.Read("build/parameters.cake")) is { Success: true } match
        ? QuotedName().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet()
        : throw new InvalidOperationException("build/parameters.cake no longer names the targets that need --confirm in production.");

    [GeneratedRegex(@"\bTask\(\s*""([A-Za-z]+)""\s*\)")]
    private static partial Regex TaskName();

    [GeneratedRegex(@"\b(?:Argument(?:<[^>]*>)?|HasArgument|GetArguments)\(\s*""([a-z0-9-]+)""")]
    private static partial Regex ArgumentName();

    [GeneratedRegex(@"FirstOrDefault\(t => (t is [^)]*)\)")]
    private static partial Regex ConfirmedTarget();

    [GeneratedRegex(@"""([A-Za-z]+)""")]
    private static partial Regex QuotedName();
}
