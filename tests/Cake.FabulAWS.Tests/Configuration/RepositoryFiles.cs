namespace Cake.FabulAWS.Tests.Configuration;

/// <summary>Finds the files at the repository root (the folder of FabulAWS.sln).</summary>
internal static class RepositoryFiles
{
    public static string Path(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "FabulAWS.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, name);
            }
        }

        throw new InvalidOperationException($"FabulAWS.sln not found above {AppContext.BaseDirectory}.");
    }

    public static string Read(string name) => File.ReadAllText(Path(name));
}
