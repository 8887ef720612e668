namespace Cake.FabulAWS.Git;

/// <summary>Where and how long <see cref="GitCommandLine"/> runs git.</summary>
/// <param name="WorkingDirectory">The absolute path of the checkout (or a folder inside it).</param>
internal sealed record GitCommandLineOptions(string WorkingDirectory)
{
    /// <summary>The default limit for a fetch.</summary>
    public static readonly TimeSpan DefaultFetchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The default limit for a local command (status, rev-parse and the like).</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets the limit for a fetch, which talks to the remote.</summary>
    public TimeSpan FetchTimeout { get; init; } = DefaultFetchTimeout;

    /// <summary>Gets the limit for every other command.</summary>
    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    /// <summary>Gets the git executable: a name looked up on PATH, or a path.</summary>
    public string GitExecutable { get; init; } = "git";

    /// <summary>Gets variables added to (value) or removed from (null) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
