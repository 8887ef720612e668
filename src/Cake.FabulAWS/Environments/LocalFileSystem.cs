using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Environments;

/// <summary>The local files port on the real file system.</summary>
internal sealed class LocalFileSystem : ILocalFiles
{
    public bool Exists(string path) => File.Exists(path);

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) => File.ReadAllBytesAsync(path, cancellationToken);

    public UnixFileMode? Mode(string path) => OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    public Task WriteAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return File.WriteAllTextAsync(path, text, cancellationToken);
    }

    public Task AppendAsync(string path, string text, CancellationToken cancellationToken = default) => File.AppendAllTextAsync(path, text, cancellationToken);
}
