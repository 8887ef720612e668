using System.Text.Json.Nodes;

namespace Demo;

/// <summary>The LocalAws seed the demo starts with: deploy/localaws-seed.json, or for CreateEnvironment the same without its groups.</summary>
internal static class SeedFile
{
    /// <summary>
    /// Writes <paramref name="seed"/> without its CreateAutoScalingGroup and RunInstances calls to <paramref name="target"/>
    /// (image folders made absolute, as they are relative to the seed), so that the CreateEnvironment target makes the
    /// group and the worker (it refuses while servers of the environment run).
    /// </summary>
    public static string WithoutGroups(string seed, string target)
    {
        var calls = JsonNode.Parse(File.ReadAllText(seed))!.AsArray();
        var kept = new JsonArray();
        foreach (var call in calls.Select(c => c!.DeepClone()))
        {
            if ((string?)call["Action"] is "CreateAutoScalingGroup" or "RunInstances")
            {
                continue;
            }

            if (call["Parameters"]?["Directory"] is JsonValue directory)
            {
                call["Parameters"]!["Directory"] = Path.GetFullPath((string)directory!, Path.GetDirectoryName(Path.GetFullPath(seed))!);
            }

            kept.Add(call);
        }

        File.WriteAllText(target, kept.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return target;
    }
}
