using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Demo;

/// <summary>
/// The throwaway demo app: a bare <c>origin</c> and a clone of it with this repository's demo app (fabulaws-config.yml and
/// deploy/: the pages, the upgrade page, the seed), so CheckBranch checks a real checkout against a real remote. The
/// clone's fabulaws-config.yml points environment <c>local</c> at this run's LocalAws and polls it at LocalAws's pace;
/// both edits are committed and pushed, as a user would.
/// </summary>
internal sealed partial class DemoApp
{
    public const string Branch = "main";

    /// <summary>The page whose version the code change bumps; the client reads the version from it.</summary>
    public const string Page = "deploy/app/www/index.html";

    private DemoApp(string work)
    {
        Origin = Path.Combine(work, "origin.git");
        Clone = Path.Combine(work, "demo-app");
    }

    public string Origin { get; }

    public string Clone { get; }

    public string ConfigFile => Path.Combine(Clone, "fabulaws-config.yml");

    /// <summary>Gets the launch config name the last CreateLaunchConfig wrote (artifacts/launch-config.txt beside the config).</summary>
    public string LaunchConfigFile => Path.Combine(Clone, "artifacts", "launch-config.txt");

    public static async Task<DemoApp> CreateAsync(string repository, string work, DemoConfig config, Uri endpoint, int pollMilliseconds, CancellationToken cancellationToken)
    {
        var app = new DemoApp(work);
        await Git.RunAsync(work, cancellationToken, "init", "--quiet", "--bare", "--initial-branch=" + Branch, app.Origin);
        Directory.CreateDirectory(app.Clone);
        await Git.RunAsync(app.Clone, cancellationToken, "init", "--quiet", "--initial-branch=" + Branch);
        foreach (var file in new[] { "fabulaws-config.yml", "fabulaws-config.schema.json" }.Where(f => File.Exists(Path.Combine(repository, f))))
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(app.Clone, file));
        }

        CopyDirectory(Path.Combine(repository, "deploy"), Path.Combine(app.Clone, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(app.Clone, ".gitignore"), "fabsecrets_*\nfabulaws-logs/\n.fabulaws/\nartifacts/\n", cancellationToken);
        await Git.RunAsync(app.Clone, cancellationToken, "add", "--all");
        await Git.RunAsync(app.Clone, cancellationToken, "commit", "--quiet", "-m", "The FabulAWS demo app");

        var text = await File.ReadAllTextAsync(app.ConfigFile, cancellationToken);
        await File.WriteAllTextAsync(app.ConfigFile, TuneConfig(text, config.EndpointUrl, $"http://127.0.0.1:{endpoint.Port}", pollMilliseconds), cancellationToken);
        await Git.RunAsync(app.Clone, cancellationToken, "commit", "--quiet", "-am", $"Demo: environment local is LocalAws on port {endpoint.Port}, polled every {pollMilliseconds} ms");
        await Git.RunAsync(app.Clone, cancellationToken, "remote", "add", "origin", app.Origin);
        await Git.RunAsync(app.Clone, cancellationToken, "push", "--quiet", "--set-upstream", "origin", Branch);
        await app.WriteSecretsAsync(config.PasswordNames, cancellationToken);
        return app;
    }

    /// <summary>
    /// Points the configuration at this run's LocalAws (every environment on the bundled LocalAws's endpoint: local,
    /// and testing for CreateEnvironment) and sets
    /// <c>timeouts.poll_interval_ms</c>; everything else stays as the repository has it.
    /// </summary>
    public static string TuneConfig(string text, string oldEndpoint, string newEndpoint, int pollMilliseconds)
    {
        var occurrences = Regex.Matches(text, Regex.Escape(oldEndpoint)).Count;
        if (occurrences == 0)
        {
            throw new InvalidOperationException($"fabulaws-config.yml does not name the endpoint {oldEndpoint}: the demo points environment local's endpoint_urls at its own LocalAws.");
        }

        text = text.Replace(oldEndpoint, newEndpoint, StringComparison.Ordinal);
        var poll = $"poll_interval_ms: {pollMilliseconds}";
        if (PollInterval().IsMatch(text))
        {
            return PollInterval().Replace(text, poll);
        }

        if (Timeouts().Match(text) is { Success: true } timeouts)
        {
            return text.Insert(timeouts.Index + timeouts.Length, $"\n  {poll}");
        }

        return text.TrimEnd('\n') + $"\ntimeouts:\n  {poll}\n";
    }

    /// <summary>Bumps the page's version, commits and pushes: the code change DeploySerial rolls out. Returns the new version.</summary>
    public async Task<int> ChangeVersionAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(Clone, Page);
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        var version = PageVersion.Read(text) ?? throw new InvalidOperationException($"{Page} has no <span id=\"version\">N</span>: the demo cannot tell its versions apart.");
        await File.WriteAllTextAsync(file, PageVersion.Write(text, version + 1), cancellationToken);
        await Git.RunAsync(Clone, cancellationToken, "commit", "--quiet", "-am", $"Version {version + 1} of the demo page");
        await Git.RunAsync(Clone, cancellationToken, "push", "--quiet", "origin", Branch);
        return version + 1;
    }

    public async Task<string> HeadAsync(CancellationToken cancellationToken) => (await Git.RunAsync(Clone, cancellationToken, "rev-parse", "--short", "HEAD")).Trim();

    /// <summary>fabsecrets_local.yml beside the config (git-ignored, owner-only from its first byte), with random values.</summary>
    private async Task WriteSecretsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Clone, $"fabsecrets_{DemoConfig.Environment}.yml");
        using (File.Create(file))
        {
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllLinesAsync(file, names.Select(name => $"{name}: \"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}\""), cancellationToken);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    [GeneratedRegex(@"(?m)(?<=^[ \t]+)poll_interval_ms:[ \t]*\d+")]
    private static partial Regex PollInterval();

    [GeneratedRegex(@"(?m)^timeouts:[ \t]*$")]
    private static partial Regex Timeouts();
}
