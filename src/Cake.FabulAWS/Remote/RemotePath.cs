namespace Cake.FabulAWS.Remote;

/// <summary>Remote path helpers: SFTP does not expand <c>~</c>, but starts in the home directory.</summary>
internal static class RemotePath
{
    /// <summary>The path for SFTP: <c>~/a/b</c> becomes <c>a/b</c> (relative to home), <c>~</c> becomes <c>.</c>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The SFTP path.</returns>
    public static string ForSftp(string path) => path switch
    {
        "~" or "~/" => ".",
        _ when path.StartsWith("~/", StringComparison.Ordinal) => path[2..],
        _ => path,
    };

    /// <summary>Joins a directory and a name with one slash.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="name">The name.</param>
    /// <returns>The path.</returns>
    public static string Combine(string directory, string name) => directory.TrimEnd('/') + "/" + name;

    /// <summary>The parent directory, or null for a bare name.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The parent.</returns>
    public static string? Parent(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash switch
        {
            < 0 => null,
            0 => "/",
            _ => path[..slash],
        };
    }
}
