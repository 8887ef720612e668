namespace LocalAws.Hosts;

/// <summary>Copies an instance or image directory, leaving everything writable by the fabdeploy user.</summary>
internal static class DirectoryCopy
{
    private const UnixFileMode AllRwx = (UnixFileMode)0x1FF; // 0777
    private const UnixFileMode AllRw = (UnixFileMode)0x1B6; // 0666

    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, AllRwx);
        if (!Directory.Exists(source))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, dir));
            Directory.CreateDirectory(copy);
            File.SetUnixFileMode(copy, AllRwx);
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            if (new FileInfo(file).LinkTarget is { } link)
            {
                File.CreateSymbolicLink(copy, link);
                continue;
            }

            File.Copy(file, copy, overwrite: true);
            var executable = (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
            File.SetUnixFileMode(copy, executable ? AllRwx : AllRw);
        }
    }

    public static void MakeWritable(string dir)
    {
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, AllRwx);
    }
}
