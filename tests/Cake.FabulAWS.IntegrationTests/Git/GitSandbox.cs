using System.Diagnostics;
using Cake.FabulAWS.Git;

namespace Cake.FabulAWS.IntegrationTests.Git;

/// <summary>
/// A temporary bare remote and a clone of it with one pushed commit on main, with a git configuration of its own
/// (HOME, GIT_CONFIG_GLOBAL, no system config) so nothing depends on the machine's git setup.
/// </summary>
internal sealed class GitSandbox : IDisposable
{
    private GitSandbox(string root)
    {
        Root = root;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        GlobalConfig = Path.Combine(root, "gitconfig");
        File.WriteAllText(GlobalConfig, string.Empty);
        Remote = Path.Combine(root, "remote.git");
        Work = Path.Combine(root, "work");
    }

    public string Root { get; }

    public string Home { get; }

    public string GlobalConfig { get; }

    /// <summary>Gets the bare repository that plays the project's remote (origin).</summary>
    public string Remote { get; }

    /// <summary>Gets the clone a deployment is made from, on main, clean and pushed.</summary>
    public string Work { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = Home,
        ["GIT_CONFIG_GLOBAL"] = GlobalConfig,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_SSH_COMMAND"] = null,
        ["GIT_SSH"] = null,
    };

    public static async Task<GitSandbox> CreateAsync()
    {
        var sandbox = new GitSandbox(Directory.CreateTempSubdirectory("fabulaws-git-").FullName);
        try
        {
            await sandbox.GitAsync(sandbox.Root, "init", "--quiet", "--bare", "--initial-branch=main", sandbox.Remote);
            await sandbox.GitAsync(sandbox.Root, "init", "--quiet", "--initial-branch=main", sandbox.Work);
            await sandbox.ConfigureUserAsync(sandbox.Work);
            await sandbox.CommitAsync(sandbox.Work, "README.md", "# app\n");
            await sandbox.GitAsync(sandbox.Work, "remote", "add", "origin", sandbox.Remote);
            await sandbox.GitAsync(sandbox.Work, "push", "--quiet", "--set-upstream", "origin", "main");
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Makes a second clone of the remote, as another developer would have.</summary>
    public async Task<string> CloneAsync(string name)
    {
        var path = Path.Combine(Root, name);
        await GitAsync(Root, "clone", "--quiet", Remote, path);
        await ConfigureUserAsync(path);
        return path;
    }

    /// <summary>Writes a file and commits it; returns the new commit id.</summary>
    public async Task<string> CommitAsync(string repository, string file, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(repository, file), content);
        await GitAsync(repository, "add", "--", file);
        await GitAsync(repository, "commit", "--quiet", "-m", $"Change {file}");
        return (await GitAsync(repository, "rev-parse", "HEAD")).Trim();
    }

    /// <summary>The adapter under test, pointed at a repository of the sandbox.</summary>
    public GitCommandLine Repository(string? directory = null, TimeSpan? fetchTimeout = null) =>
        new(new GitCommandLineOptions(directory ?? Work)
        {
            Environment = Environment,
            FetchTimeout = fetchTimeout ?? GitCommandLineOptions.DefaultFetchTimeout,
        });

    /// <summary>Runs git for the set-up of a test and returns stdout; throws with stderr when it fails.</summary>
    public async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
    }

    private async Task ConfigureUserAsync(string repository)
    {
        await GitAsync(repository, "config", "user.name", "FabulAWS Tests");
        await GitAsync(repository, "config", "user.email", "tests@fabulaws.invalid");
    }
}
