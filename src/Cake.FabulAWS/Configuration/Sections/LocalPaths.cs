namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>Resolves local paths the way FabulAWS did: relative to the configuration file's folder; <c>~/</c> is the home folder.</summary>
internal static class LocalPaths
{
    public static string Resolve(string path, string baseDirectory)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.GetFullPath(Path.Combine(home, path.Length > 2 ? path[2..] : string.Empty));
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, path));
    }
}
