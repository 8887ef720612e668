namespace Cake.FabulAWS.Workflows.Status;

/// <summary>Columns padded to their widest cell, for tables in the Cake log.</summary>
internal static class TextTable
{
    public static IReadOnlyList<string> Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(headers).ToList();
        var widths = headers.Select((_, column) => all.Max(r => column < r.Count ? r[column].Length : 0)).ToList();
        string Line(IReadOnlyList<string> row) => string.Join("  ", row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd();
        return [Line(headers), string.Join("  ", widths.Select(w => new string('-', w))), .. all.Skip(1).Select(Line)];
    }
}
