using System.Text.RegularExpressions;

namespace Cake.FabulAWS.Remote;

/// <summary>
/// A command for a remote host, as data: its parts (which ones are secret), a timeout, a working directory and
/// environment variables. <see cref="Render"/> writes it for the remote shell with stdin closed;
/// <see cref="RenderSafe"/> writes the same with secrets as <c>[REDACTED]</c>.
/// </summary>
public sealed partial class RemoteCommand
{
    private RemoteCommand(IReadOnlyList<CommandPart> parts, TimeSpan? timeout, string? workingDirectory, IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("A remote command needs at least one part.", nameof(parts));
        }

        Parts = parts;
        Timeout = timeout;
        WorkingDirectory = workingDirectory;
        Environment = environment;
    }

    /// <summary>Gets the parts.</summary>
    public IReadOnlyList<CommandPart> Parts { get; }

    /// <summary>Gets the timeout; null for the adapter's default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Gets the directory to run in; null for the login directory.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>Gets the environment variables exported for the command, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; }

    /// <summary>Makes a command of arguments, each quoted as needed.</summary>
    /// <param name="argv">The program and its arguments.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Of(params string[] argv) => From(argv.Select(CommandPart.Argument));

    /// <summary>Makes a command of parts.</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand From(IEnumerable<CommandPart> parts) => new([.. parts], null, null, []);

    /// <summary>Makes a command of one shell command line, written as is (from configuration).</summary>
    /// <param name="commandLine">The command line.</param>
    /// <returns>The command.</returns>
    public static RemoteCommand Shell(string commandLine) => From([CommandPart.Shell(commandLine)]);

    /// <summary>Sets the timeout.</summary>
    /// <param name="timeout">The timeout.</param>
    /// <returns>A new command.</returns>
    public RemoteCommand WithTimeout(TimeSpan timeout) => timeout > TimeSpan.Zero
        ? new(Parts, timeout, WorkingDirectory, Environment)
        : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive.");

    /// <summary>Sets the working directory.</summary>
    /// <param name="directory">The directory; a leading <c>~/</c> stays expandable.</param>
    /// <returns>A new command.</returns>
    public RemoteCommand InDirectory(string directory) => new(Parts, Timeout, directory, Environment);

    /// <summary>Adds an exported environment variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value (not secret: it is logged).</param>
    /// <returns>A new command.</returns>
    public RemoteCommand WithEnvironment(string name, string value) => VariableName().IsMatch(name)
        ? new(Parts, Timeout, WorkingDirectory, [.. Environment, new(name, value)])
        : throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(name));

    /// <summary>Writes the command for the remote shell, secrets included. Never log this.</summary>
    /// <returns>The command line.</returns>
    public string Render() => Write(revealSecrets: true);

    /// <summary>Writes the command with secrets as <c>[REDACTED]</c>, for logs and messages.</summary>
    /// <returns>The command line.</returns>
    public string RenderSafe() => Write(revealSecrets: false);

    /// <inheritdoc />
    public override string ToString() => RenderSafe();

    /// <summary>Gets the secrets the command carries, so output that echoes them can be redacted.</summary>
    /// <returns>The secrets.</returns>
    internal IEnumerable<Secret> Secrets() => Parts.Select(p => p.SecretValue()).OfType<Secret>();

    private string Write(bool revealSecrets)
    {
        var prefix = WorkingDirectory is null ? string.Empty : $"cd {ShellQuote.Path(WorkingDirectory)} && ";
        if (Environment.Count > 0)
        {
            prefix += "export " + string.Join(' ', Environment.Select(e => $"{e.Key}={ShellQuote.Word(e.Value)}")) + " && ";
        }

        var body = string.Join(' ', Parts.Select(p => p.Render(revealSecrets)));
        if (Parts.Any(p => p.Kind == CommandPartKind.Shell))
        {
            body = "{ " + body + "; }"; // stdin must be closed for every command of a compound line
        }

        return prefix + body + " </dev/null";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
