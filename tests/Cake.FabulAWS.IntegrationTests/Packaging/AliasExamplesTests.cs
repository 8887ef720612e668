using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Cake.Core.Annotations;
using Xunit.Abstractions;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>
/// Every alias's <c>&lt;example&gt;</c>, exactly as the packed XML documentation shows it, compiled and run in one real
/// <c>dotnet cake</c> script that loads the packed add-in: each example in a block of its own, its tasks defined but
/// not run (they would reach AWS), its top-level lines run against the repository's fabulaws-config.yml.
/// </summary>
[Collection(PackedAddinCollection.Name)]
public sealed class AliasExamplesTests(PackedAddinFixture package, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_Compile_And_Run_Every_Alias_Example_As_Written()
    {
        // Given
        var workspace = await package.ScriptWorkspaceAsync();
        var examples = Examples();
        var folder = Directory.CreateDirectory(Path.Combine(workspace.Root, "examples")).FullName;
        File.Copy(Path.Combine(package.RepositoryRoot, "fabulaws-config.yml"), Path.Combine(folder, "fabulaws-config.yml"), overwrite: true);
        Directory.CreateDirectory(Path.Combine(folder, "deploy", "html"));
        foreach (var page in Directory.GetFiles(Path.Combine(package.RepositoryRoot, "deploy", "html")))
        {
            File.Copy(page, Path.Combine(folder, "deploy", "html", Path.GetFileName(page)), overwrite: true);
        }

        var script = Path.Combine(folder, "examples.cake");
        await File.WriteAllTextAsync(script, Script(examples));
        File.Copy(Path.Combine(workspace.Root, "script", "cake.config"), Path.Combine(folder, "cake.config"), overwrite: true);

        // When
        var run = await CommandRun.RunAsync(package.RepositoryRoot, "dotnet", ["tool", "run", "dotnet-cake", "--", script], workspace.Environment(), TimeSpan.FromMinutes(5));
        output.WriteLine(run.Output);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"{examples.Count} alias examples ran; their tasks:", run.Output);
        Assert.Equal(Aliases().Count(), examples.Count);
    }

    private static string Script(IReadOnlyList<(string Member, string Code)> examples)
    {
        var text = new StringBuilder();
        text.AppendLine($"#addin nuget:?package={PackedAddinFixture.PackageId}&version={PackedAddinFixture.PackageVersion}&loaddependencies=true");
        text.AppendLine("Func<string, CakeTaskBuilder> DefineTask = Task;");
        text.AppendLine("var examplesRun = 0;");
        text.AppendLine("var defined = new List<string>();");
        for (var i = 0; i < examples.Count; i++)
        {
            text.AppendLine($"{{ // {examples[i].Member}");
            text.AppendLine($"    CakeTaskBuilder Task(string name) {{ defined.Add(name); return DefineTask(\"example {i + 1}: \" + name); }}");
            text.AppendLine(examples[i].Code);
            text.AppendLine("    examplesRun++;");
            text.AppendLine("}");
        }

        text.AppendLine("Information(\"{0} alias examples ran; their tasks: {1}\", examplesRun, string.Join(\", \", defined));");
        text.AppendLine("DefineTask(\"Default\");");
        text.AppendLine("RunTarget(\"Default\");");
        return text.ToString();
    }

    private List<(string Member, string Code)> Examples()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry("lib/net10.0/Cake.FabulAWS.xml")!.Open();
        return XDocument.Load(stream).Descendants("member")
            .Where(m => ((string)m.Attribute("name")!).StartsWith("M:Cake.FabulAWS.FabulAwsAliases.", StringComparison.Ordinal))
            .SelectMany(m => m.Elements("example").Elements("code").Select(code => ((string)m.Attribute("name")!, code.Value)))
            .ToList();
    }

    private static IEnumerable<MethodInfo> Aliases() =>
        typeof(FabulAwsAliases).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<CakeMethodAliasAttribute>() is not null);
}
