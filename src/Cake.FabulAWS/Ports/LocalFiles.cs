namespace Cake.FabulAWS.Ports;

/// <summary>The files of the machine the deploy runs on (pages to upload, secrets files), behind a port so workflows stay testable.</summary>
public interface ILocalFiles
{
    /// <summary>Tells whether a file exists.</summary>
    /// <param name="path">The absolute path.</param>
    /// <returns>True when it exists.</returns>
    bool Exists(string path);

    /// <summary>Reads a whole file.</summary>
    /// <param name="path">The absolute path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Its bytes.</returns>
    Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Gets a file's permission bits; null where the system has none (Windows).</summary>
    /// <param name="path">The absolute path.</param>
    /// <returns>The mode.</returns>
    UnixFileMode? Mode(string path);

    /// <summary>Writes a text file, replacing it (the folder is created).</summary>
    /// <param name="path">The absolute path.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteAsync(string path, string text, CancellationToken cancellationToken = default);

    /// <summary>Appends text to a file (created when missing).</summary>
    /// <param name="path">The absolute path.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task AppendAsync(string path, string text, CancellationToken cancellationToken = default);
}
