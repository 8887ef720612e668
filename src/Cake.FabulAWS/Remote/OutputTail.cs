namespace Cake.FabulAWS.Remote;

/// <summary>Keeps the last lines of a command's output.</summary>
/// <param name="capacity">How many lines to keep.</param>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> lines = new();

    /// <summary>Adds a line, dropping the oldest beyond capacity.</summary>
    /// <param name="line">The line.</param>
    public void Add(string line)
    {
        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > Math.Max(capacity, 1))
            {
                lines.Dequeue();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
