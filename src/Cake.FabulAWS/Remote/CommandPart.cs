namespace Cake.FabulAWS.Remote;

/// <summary>How a part of a command is written into the command line.</summary>
public enum CommandPartKind
{
    /// <summary>An argument, quoted when needed.</summary>
    Argument,

    /// <summary>A path, quoted with a leading <c>~/</c> left expandable.</summary>
    Path,

    /// <summary>A secret argument: quoted in <see cref="RemoteCommand.Render"/>, <c>[REDACTED]</c> in <see cref="RemoteCommand.RenderSafe"/>.</summary>
    Secret,

    /// <summary>Shell text written as is (operators, or a command line taken from configuration).</summary>
    Shell,
}

/// <summary>One part of a <see cref="RemoteCommand"/>.</summary>
public sealed class CommandPart
{
    private readonly string? text;
    private readonly Secret? secret;

    private CommandPart(CommandPartKind kind, string? text, Secret? secret)
    {
        Kind = kind;
        this.text = text;
        this.secret = secret;
    }

    /// <summary>Gets how the part is written.</summary>
    public CommandPartKind Kind { get; }

    /// <summary>An argument.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The part.</returns>
    public static CommandPart Argument(string value) => new(CommandPartKind.Argument, value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A path.</summary>
    /// <param name="path">The path; a leading <c>~/</c> stays expandable.</param>
    /// <returns>The part.</returns>
    public static CommandPart Path(string path) => new(CommandPartKind.Path, path ?? throw new ArgumentNullException(nameof(path)), null);

    /// <summary>A secret argument.</summary>
    /// <param name="value">The secret.</param>
    /// <returns>The part.</returns>
    public static CommandPart SecretArgument(Secret value) => new(CommandPartKind.Secret, null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Shell text, written as is.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static CommandPart Shell(string text) => new(CommandPartKind.Shell, text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Writes the part for the remote shell.</summary>
    /// <param name="revealSecrets">Whether a secret is written (for sending) or redacted (for logs).</param>
    /// <returns>The text.</returns>
    public string Render(bool revealSecrets) => Kind switch
    {
        CommandPartKind.Argument => ShellQuote.Word(text!),
        CommandPartKind.Path => ShellQuote.Path(text!),
        CommandPartKind.Secret => revealSecrets ? ShellQuote.Always(secret!.Reveal()) : Secret.Redacted,
        _ => text!,
    };

    /// <summary>Gets the secret value of a secret part, for redacting output.</summary>
    /// <returns>The secret, or null.</returns>
    internal Secret? SecretValue() => secret;

    /// <inheritdoc />
    public override string ToString() => Render(revealSecrets: false);
}
