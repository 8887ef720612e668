namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>Columns padded to their widest cell, for the lists CreateEnvironment prints.</summary>
internal static class TextTable
{
    /// <summary>Formats a header and rows; the last column is not padded.</summary>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows, each with a cell per column.</param>
    /// <returns>The lines, header first.</returns>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((name, i) => rows.Select(r => r[i].Length).Append(name.Length).Max()).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((cell, i) => i == cells.Count - 1 ? cell : cell.PadRight(widths[i])));
        return [Line(header), .. rows.Select(Line)];
    }
}
