using System.Security;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>
/// A folder in which a Cake script loads the packed add-in the way a user's script does, isolated from the user's
/// configuration: its own NuGet config (the test feed plus the usual sources), its own packages folder, its own
/// cake.config with its own add-in folder and no script cache.
/// </summary>
public sealed class CakeScriptWorkspace
{
    public const string Script = """
        #addin nuget:?package=Cake.FabulAWS&version=0.1.0&loaddependencies=true

        var repository = Argument<string>("repository");

        Task("CheckBranch")
            .Does(async () =>
        {
            // Compiles only when the add-in's own dependencies were loaded too (loaddependencies=true).
            Information("Loaded {0} and {1}.",
                typeof(YamlDotNet.Serialization.Deserializer).Assembly.GetName().Name,
                typeof(Renci.SshNet.SshClient).Assembly.GetName().Name);
            await FabulAwsCheckBranchAsync("main", new CheckBranchSettings { WorkingDirectory = repository });
        });

        RunTarget(Argument("target", "CheckBranch"));
        """;

    private CakeScriptWorkspace(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ScriptPath => Path.Combine(Root, "script", "build.cake");

    public string Addins => Path.Combine(Root, "addins");

    public string Packages => Path.Combine(Root, "packages");

    /// <summary>Gets how long the preparation took, each step by name.</summary>
    public List<CommandRun> Steps { get; } = [];

    /// <summary>Restores the Cake tool, writes the configuration, and restores the package once.</summary>
    /// <remarks>
    /// The restore of a throwaway project fills the packages folder with the add-in's dependencies and theirs:
    /// Cake alone would fetch only the direct ones, because the registry omits dependency lists from its metadata.
    /// </remarks>
    public static async Task<CakeScriptWorkspace> CreateAsync(PackedAddinFixture package)
    {
        var workspace = new CakeScriptWorkspace(Directory.CreateDirectory(Path.Combine(package.Root, "cake")).FullName);
        var environment = PackedAddinFixture.DotNetEnvironment;
        workspace.Steps.Add((await CommandRun.RunAsync(package.RepositoryRoot, "dotnet", ["tool", "restore"], environment, TimeSpan.FromMinutes(3))).EnsureSuccess());
        var list = (await CommandRun.RunAsync(package.RepositoryRoot, "dotnet", ["nuget", "list", "source", "--format", "short"], environment, TimeSpan.FromMinutes(1))).EnsureSuccess();
        var sources = new[] { package.Feed }.Concat(list.Output.Split('\n').Where(l => l.StartsWith("E ", StringComparison.Ordinal)).Select(l => l[2..].Trim())).ToArray();
        workspace.WriteConfiguration(sources);

        var restore = Directory.CreateDirectory(Path.Combine(workspace.Root, "restore")).FullName;
        File.WriteAllText(Path.Combine(restore, "restore.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="{PackedAddinFixture.PackageId}" Version="{PackedAddinFixture.PackageVersion}" /></ItemGroup>
            </Project>
            """);
        workspace.Steps.Add((await CommandRun.RunAsync(
            restore,
            "dotnet",
            ["restore", "--configfile", Path.Combine(workspace.Root, "nuget.config"), "-nodeReuse:false"],
            workspace.Environment(),
            TimeSpan.FromMinutes(5))).EnsureSuccess());
        return workspace;
    }

    /// <summary>The variables of every command run in the workspace, plus the given ones.</summary>
    public IReadOnlyDictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var variables = new Dictionary<string, string?>(PackedAddinFixture.DotNetEnvironment) { ["NUGET_PACKAGES"] = Packages };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return variables;
    }

    private void WriteConfiguration(IReadOnlyList<string> sources)
    {
        var adds = sources.Select((source, i) => $"""    <add key="source{i}" value="{SecurityElement.Escape(source)}" />""");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
            {string.Join(System.Environment.NewLine, adds)}
              </packageSources>
            </configuration>
            """);

        Directory.CreateDirectory(Path.GetDirectoryName(ScriptPath)!);
        File.WriteAllText(ScriptPath, Script);
        File.WriteAllText(Path.Combine(Root, "script", "cake.config"), $"""
            [Paths]
            Addins={Addins}
            Tools={Path.Combine(Root, "tools")}
            [NuGet]
            Source={string.Join(';', sources)}
            LoadDependencies=true
            [Settings]
            EnableScriptCache=false
            """);
    }
}
