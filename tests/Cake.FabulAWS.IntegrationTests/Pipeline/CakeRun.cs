using System.Diagnostics;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>Runs the repository's real pipeline (build/build.cake on the cake.tool 7.0.0 local tool).</summary>
internal static class CakeRun
{
    private static readonly SemaphoreSlim AddinBuild = new(1, 1);

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await EnsureAddinBuiltAsync();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "cake", "build/build.cake" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // a hung pipeline must not outlive its test
            throw new TimeoutException($"dotnet cake {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    // build.sh builds the add-in in Release before the script loads it with #r; a plain `dotnet test` may not have.
    private static async Task EnsureAddinBuiltAsync()
    {
        var dll = Path.Combine(RepositoryRoot, "src/Cake.FabulAWS/bin/Release/net10.0/Cake.FabulAWS.dll");
        await AddinBuild.WaitAsync();
        try
        {
            if (File.Exists(dll))
            {
                return;
            }

            var start = new ProcessStartInfo("dotnet", ["build", "src/Cake.FabulAWS/Cake.FabulAWS.csproj", "-c", "Release", "--nologo", "-v", "quiet"]) { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "Building the add-in in Release failed:\n" + output);
        }
        finally
        {
            AddinBuild.Release();
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FabulAWS.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FabulAWS.sln not found above " + AppContext.BaseDirectory);
    }
}
