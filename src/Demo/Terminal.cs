namespace Demo;

/// <summary>What the demo prints, one line at a time from any thread: its own steps, child-run output indented, warnings.</summary>
internal sealed class Terminal
{
    private readonly object gate = new();
    private readonly TextWriter output;

    public Terminal(TextWriter output) => this.output = output;

    public static Terminal Shared { get; } = new(Console.Out);

    /// <summary>Gets the width for the report's chart: the terminal's, or 100 when the output is not a terminal.</summary>
    public static int Width
    {
        get
        {
            try
            {
                return Console.IsOutputRedirected || Console.WindowWidth < 40 ? 100 : Math.Min(Console.WindowWidth, 160);
            }
            catch (IOException)
            {
                return 100;
            }
        }
    }

    public void Step(string text) => Write("==> " + text);

    public void Info(string text) => Write("    " + text);

    public void Child(string text) => Write("    | " + text);

    public void Warn(string text) => Write("!!! " + text);

    public void Block(string text) => Write(text.TrimEnd());

    private void Write(string text)
    {
        lock (gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
