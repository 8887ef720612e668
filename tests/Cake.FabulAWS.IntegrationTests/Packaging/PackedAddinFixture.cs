namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>
/// Packs src/Cake.FabulAWS in Release (warnings are errors there) into a temporary folder feed, once for every
/// test of the collection, and removes the folder afterwards.
/// </summary>
public sealed class PackedAddinFixture : IAsyncLifetime
{
    public const string PackageId = "Cake.FabulAWS";
    public const string PackageVersion = "0.1.0";

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Root { get; } = Directory.CreateTempSubdirectory("fabulaws-pack-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string PackagePath => Path.Combine(Feed, $"{PackageId}.{PackageVersion}.nupkg");

    public CommandRun Pack { get; private set; } = null!;

    private readonly Lazy<Task<CakeScriptWorkspace>> workspace;

    public PackedAddinFixture()
    {
        workspace = new Lazy<Task<CakeScriptWorkspace>>(() => CakeScriptWorkspace.CreateAsync(this));
    }

    /// <summary>Gets the Cake script workspace, prepared on first use.</summary>
    public Task<CakeScriptWorkspace> ScriptWorkspaceAsync() => workspace.Value;

    /// <summary>Gets the variables for every dotnet command: no build servers or nodes outlive a test.</summary>
    public static IReadOnlyDictionary<string, string?> DotNetEnvironment { get; } = new Dictionary<string, string?>
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["NO_COLOR"] = "1",
    };

    public async Task InitializeAsync()
    {
        try
        {
            await PackAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task PackAsync()
    {
        // --no-restore: this test project's build restored the add-in already; restoring again would rewrite
        // obj/ under builds running next to it. No build server or node may outlive the test.
        var project = Path.Combine(RepositoryRoot, "src", "Cake.FabulAWS", "Cake.FabulAWS.csproj");
        Pack = (await CommandRun.RunAsync(
            RepositoryRoot,
            "dotnet",
            ["pack", project, "--no-restore", "-c", "Release", "-o", Feed, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            DotNetEnvironment,
            TimeSpan.FromMinutes(5))).EnsureSuccess();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FabulAWS.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No FabulAWS.sln above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class PackedAddinCollection : ICollectionFixture<PackedAddinFixture>
{
    public const string Name = "Packed add-in";
}
