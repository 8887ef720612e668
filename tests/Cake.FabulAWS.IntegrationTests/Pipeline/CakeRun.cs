using System.Diagnostics;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>Runs the repository's real pipeline (build/build.cake on the cake.tool 7.0.0 local tool).</summary>
internal static class CakeRun
{
    private static readonly SemaphoreSlim AddinBuild = new(1, 1);
    private static readonly SemaphoreSlim FirstCompile = new(1, 1);
    private static readonly string ScriptCache = Directory.CreateTempSubdirectory("fabulaws-cake-cache-").FullName;
    private static bool compiled;

    public static string RepositoryRoot { get; } = FindRoot();

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string?>(), TimeSpan.FromMinutes(3), arguments);

    /// <summary>
    /// Runs the pipeline with extra environment variables and a deadline. The compiled script is cached for this test
    /// run only (the add-in does not change during it): the first run compiles it alone, the others reuse it.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        await EnsureAddinBuiltAsync();
        var first = !Volatile.Read(ref compiled);
        if (first)
        {
            await FirstCompile.WaitAsync();
        }

        try
        {
            var result = await StartAsync(environment, timeout, arguments);
            Volatile.Write(ref compiled, true);
            return result;
        }
        finally
        {
            if (first)
            {
                FirstCompile.Release();
            }
        }
    }

    /// <summary>Copies a started run's output and errors, line by line, into <paramref name="log"/> until it ends.</summary>
    public static Task ReadAllAsync(Process cake, System.Text.StringBuilder log) => Task.WhenAll(Pump(cake.StandardOutput, log), Pump(cake.StandardError, log));

    /// <summary>Starts the pipeline and returns the process, for tests that signal or kill it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "cake", "build/build.cake" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true";
        start.Environment["CAKE_SETTINGS_SCRIPTCACHELOCATION"] = ScriptCache;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> StartAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string[] arguments)
    {
        using var process = Start(environment, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // a hung pipeline must not outlive its test
            throw new TimeoutException($"dotnet cake {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes:0.#} minutes:\n{await stdout}{await stderr}");
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

    private static async Task Pump(StreamReader reader, System.Text.StringBuilder log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
