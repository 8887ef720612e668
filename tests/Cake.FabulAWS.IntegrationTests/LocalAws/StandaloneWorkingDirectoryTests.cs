using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;

namespace Cake.FabulAWS.IntegrationTests.LocalAws;

/// <summary><c>dotnet run --project src/LocalAws -- --seed FILE</c> resolves relative paths where the user typed the command.</summary>
public sealed partial class StandaloneWorkingDirectoryTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("localaws-cwd-").FullName;
    private Process? process;

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
        Directory.Delete(work, recursive: true);
    }

    [GeneratedRegex(@"listening on (\S+) \(data (\S+),")]
    private static partial Regex Banner();

    [Fact]
    public async Task Should_Resolve_Relative_Seed_Keys_And_Data_Paths_Against_The_Callers_Directory()
    {
        // Given
        await File.WriteAllTextAsync(Path.Combine(work, "seed.json"), """
            [ { "Service": "ec2", "Action": "CreateLaunchTemplate", "Parameters": { "LaunchTemplateName": "from-relative-seed", "LaunchTemplateData.ImageId": "${BaseImageId}" } } ]
            """);
        await File.WriteAllTextAsync(Path.Combine(work, "keys.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTestOnly test\n");
        var project = Path.Combine(RepositoryRoot(), "src", "LocalAws");
        var configuration = typeof(StandaloneWorkingDirectoryTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "run", "--no-build", "-c", configuration, "--project", project, "--", "--port", "0", "--no-hosts", "--seed", "seed.json", "--authorized-keys", "keys.pub", "--data-dir", "data" })
        {
            start.ArgumentList.Add(arg);
        }

        // When
        process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var banner = Banner().Match(await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty);
        if (!banner.Success)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Fail($"LocalAws did not start (exit {process.ExitCode}): {await error}");
        }

        using var api = new QueryClient(new Uri(banner.Groups[1].Value));
        var templates = await api.CallAsync("ec2", "DescribeLaunchTemplates");
        process.Kill(entireProcessTree: true); // --no-hosts: no sshd to stop; the data directory is ours to delete
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Then
        Assert.Equal("from-relative-seed", templates.One("launchTemplateName"));
        Assert.Equal(Path.Combine(work, "data"), banner.Groups[2].Value);
        Assert.True(Directory.Exists(Path.Combine(work, "data", "base-image")), "the data directory is the relative one, under the caller's directory");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FabulAWS.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No FabulAWS.sln above {AppContext.BaseDirectory}.");
    }
}
