namespace Cake.FabulAWS.Configuration;

/// <summary>One problem found in <c>fabulaws-config.yml</c>: where it is and what is wrong.</summary>
/// <param name="File">The configuration file, as it was given to the loader.</param>
/// <param name="Line">The line in the file, starting at 1; 0 when the problem is the file itself (not found).</param>
/// <param name="Column">The column in the line, starting at 1; 0 with line 0.</param>
/// <param name="Path">The key path, such as <c>auto_scaling_groups/myproject/production</c>; empty for YAML syntax errors.</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it.</param>
public sealed record ConfigurationError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>Formats the problem as <c>file:line:column: path: message</c>, the way compilers report errors.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}
