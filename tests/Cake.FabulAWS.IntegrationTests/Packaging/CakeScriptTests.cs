using System.IO.Compression;
using Cake.FabulAWS.IntegrationTests.Git;
using Xunit.Abstractions;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>
/// A real <c>dotnet cake</c> run of a script that loads the packed add-in with <c>#addin nuget:...&amp;loaddependencies=true</c>
/// from the temporary feed and calls <c>FabulAwsCheckBranchAsync</c> against a real git repository.
/// </summary>
[Collection(PackedAddinCollection.Name)]
public sealed class CakeScriptTests(PackedAddinFixture package, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_Fail_The_Build_With_The_Refusal_When_The_Checkout_Has_Changes()
    {
        // Given
        var workspace = await PrepareAsync();
        using var sandbox = await GitSandbox.CreateAsync();
        await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "notes.txt"), "not committed");

        // When
        var run = await RunCakeAsync(workspace, sandbox);

        // Then
        Assert.True(run.ExitCode != 0, run.Output);
        Assert.Contains("The work tree of 'main' has 1 uncommitted change;", run.Output);
        Assert.Contains("?? notes.txt", run.Output);
    }

    [Fact]
    public async Task Should_Pass_A_Clean_Pushed_Checkout_With_The_Packed_Assembly_And_Its_Dependencies()
    {
        // Given
        var workspace = await PrepareAsync();
        using var sandbox = await GitSandbox.CreateAsync();
        var head = (await sandbox.GitAsync(sandbox.Work, "rev-parse", "HEAD")).Trim();

        // When
        var run = await RunCakeAsync(workspace, sandbox);

        // Then
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Loaded YamlDotNet and Renci.SshNet.", run.Output);
        Assert.Contains($"Branch main at {head} is clean and matches origin/main.", run.Output);
        Assert.Equal(PackedAssembly(), File.ReadAllBytes(Path.Combine(workspace.Addins, "Cake.FabulAWS.0.1.0", "lib", "net10.0", "Cake.FabulAWS.dll")));
        Assert.NotEmpty(Directory.GetDirectories(workspace.Addins, "BouncyCastle.Cryptography.*")); // a dependency of a dependency
    }

    private async Task<CakeScriptWorkspace> PrepareAsync()
    {
        var workspace = await package.ScriptWorkspaceAsync();
        output.WriteLine($"dotnet pack -c Release: {package.Pack.Duration.TotalSeconds:0.0} s");
        foreach (var step in workspace.Steps)
        {
            output.WriteLine($"{step.Command}: {step.Duration.TotalSeconds:0.0} s");
        }

        return workspace;
    }

    private async Task<CommandRun> RunCakeAsync(CakeScriptWorkspace workspace, GitSandbox sandbox)
    {
        // git in the script sees only the sandbox's configuration; HOME stays, dotnet needs it to find its tools.
        var git = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_GLOBAL"] = sandbox.GlobalConfig,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_SSH_COMMAND"] = null,
            ["GIT_SSH"] = null,
        };
        var run = await CommandRun.RunAsync(
            package.RepositoryRoot,
            "dotnet",
            ["tool", "run", "dotnet-cake", "--", workspace.ScriptPath, $"--repository={sandbox.Work}"],
            workspace.Environment(git),
            TimeSpan.FromMinutes(5));
        output.WriteLine($"dotnet cake (exit code {run.ExitCode}): {run.Duration.TotalSeconds:0.0} s");
        output.WriteLine(run.Output);
        return run;
    }

    private byte[] PackedAssembly()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry("lib/net10.0/Cake.FabulAWS.dll")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
