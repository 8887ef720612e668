using Cake.FabulAWS.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Tests.Examples;

/// <summary>One run of the pipeline in a workflow step: <c>./build.sh --name=value ...</c>.</summary>
internal sealed record PipelineRun(string Job, string Line, IReadOnlyDictionary<string, string?> Arguments)
{
    public string? Target => Arguments.GetValueOrDefault("target");

    public string? Environment => Arguments.GetValueOrDefault("environment");

    public override string ToString() => $"job {Job}: {Line}";
}

/// <summary>One step of a job.</summary>
internal sealed record WorkflowStep(string? Uses, string? Run, IReadOnlyDictionary<string, string> With);

/// <summary>One job of a workflow, as far as the tests look.</summary>
internal sealed record WorkflowJob(
    string Name,
    IReadOnlyList<string> Needs,
    string? If,
    string? Environment,
    string? ConcurrencyGroup,
    string? CancelInProgress,
    IReadOnlyDictionary<string, string> Permissions,
    IReadOnlyList<WorkflowStep> Steps)
{
    public IEnumerable<PipelineRun> Runs => Steps.Where(s => s.Run is not null).SelectMany(s => GitHubActionsExample.PipelineRuns(Name, s.Run!));
}

/// <summary>examples/github-actions/deploy.yml, read with YamlDotNet.</summary>
internal static class GitHubActionsExample
{
    public const string FileName = "examples/github-actions/deploy.yml";

    public static IReadOnlyList<WorkflowJob> Jobs() => Parse(RepositoryFiles.Read(FileName));

    public static IReadOnlyList<WorkflowJob> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        return ((YamlMappingNode)root["jobs"]).Children.Select(job =>
        {
            var body = (YamlMappingNode)job.Value;
            var concurrency = Child(body, "concurrency");
            return new WorkflowJob(
                ((YamlScalarNode)job.Key).Value!,
                Child(body, "needs") switch
                {
                    YamlScalarNode one => [one.Value!],
                    YamlSequenceNode many => [.. many.Children.Select(n => ((YamlScalarNode)n).Value!)],
                    _ => [],
                },
                Scalar(body, "if"),
                Child(body, "environment") is YamlMappingNode named ? Scalar(named, "name") : Scalar(body, "environment"),
                concurrency is YamlMappingNode group ? Scalar(group, "group") : (concurrency as YamlScalarNode)?.Value,
                concurrency is YamlMappingNode cancel ? Scalar(cancel, "cancel-in-progress") : null,
                Map(Child(body, "permissions")),
                [.. ((YamlSequenceNode)body["steps"]).Children.Cast<YamlMappingNode>().Select(step => new WorkflowStep(Scalar(step, "uses"), Scalar(step, "run"), Map(Child(step, "with"))))]);
        }).ToList();
    }

    /// <summary>Every <c>./build.sh</c> (or build.ps1) command of a run block, one per line (continuations joined).</summary>
    public static IEnumerable<PipelineRun> PipelineRuns(string job, string run)
    {
        foreach (var line in run.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = Array.FindIndex(words, w => w is "./build.sh" or "./build.ps1" or "build.sh" or "build.ps1");
            if (start < 0)
            {
                continue;
            }

            var arguments = new Dictionary<string, string?>();
            foreach (var word in words.Skip(start + 1).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                arguments[equals < 0 ? word[2..] : word[2..equals]] = equals < 0 ? null : word[(equals + 1)..].Trim('"', '\'');
            }

            yield return new PipelineRun(job, line, arguments);
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IReadOnlyDictionary<string, string> Map(YamlNode? node) => node is YamlMappingNode map
        ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value ?? string.Empty)
        : new Dictionary<string, string>();
}
