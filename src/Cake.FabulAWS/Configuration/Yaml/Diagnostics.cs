using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Yaml;

/// <summary>Collects the errors and warnings of one configuration file, each with its position and key path.</summary>
internal sealed class Diagnostics
{
    private readonly List<ConfigurationError> errors = [];
    private readonly List<ConfigurationError> warnings = [];

    public Diagnostics(string file)
    {
        File = file;
    }

    public string File { get; }

    public bool HasErrors => errors.Count > 0;

    /// <summary>Gets the errors in file order (line, then column), the order they were found within a position.</summary>
    public IReadOnlyList<ConfigurationError> Errors => InFileOrder(errors);

    public IReadOnlyList<ConfigurationError> Warnings => InFileOrder(warnings);

    public void Error(YamlNode node, string path, string message) => Error(node.Start, path, message);

    public void Error(Mark mark, string path, string message) => errors.Add(At(mark, path, message));

    public void Warning(YamlNode node, string path, string message) => warnings.Add(At(node.Start, path, message));

    /// <summary>Tells whether an error was reported at exactly this path (e.g. a whole map of the wrong type).</summary>
    public bool HasErrorOn(string path) => errors.Exists(error => error.Path == path);

    private ConfigurationError At(Mark mark, string path, string message) =>
        new(File, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column), path, message);

    private static List<ConfigurationError> InFileOrder(List<ConfigurationError> list) =>
        list.Select((error, index) => (error, index))
            .OrderBy(item => item.error.Line).ThenBy(item => item.error.Column).ThenBy(item => item.index)
            .Select(item => item.error)
            .ToList();
}
