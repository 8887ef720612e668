using System.Text;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Tests.Support;

/// <summary>Local files in memory, with their modes; paths are compared as given.</summary>
internal sealed class FakeFiles : ILocalFiles
{
    private readonly Dictionary<string, (byte[] Content, UnixFileMode Mode)> files = new(StringComparer.Ordinal);

    public List<string> Reads { get; } = [];

    public string Add(string path, string content, string mode = "600")
    {
        files[path] = (Encoding.UTF8.GetBytes(content), (UnixFileMode)Convert.ToInt32(mode, 8));
        return path;
    }

    public bool Exists(string path) => files.ContainsKey(path);

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        Reads.Add(path);
        return files.TryGetValue(path, out var file) ? Task.FromResult(file.Content) : throw new FileNotFoundException(path);
    }

    public UnixFileMode? Mode(string path) => files.TryGetValue(path, out var file) ? file.Mode : throw new FileNotFoundException(path);

    public string Text(string path) => Encoding.UTF8.GetString(files[path].Content);

    public Task WriteAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        Add(path, text, "644");
        return Task.CompletedTask;
    }

    public Task AppendAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        Add(path, (files.ContainsKey(path) ? Text(path) : string.Empty) + text, "644");
        return Task.CompletedTask;
    }
}
