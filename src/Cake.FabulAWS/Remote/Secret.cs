using System.Diagnostics;

namespace Cake.FabulAWS.Remote;

/// <summary>A secret value. It prints as <c>[REDACTED]</c> everywhere; only <see cref="Reveal"/> gives the value.</summary>
[DebuggerDisplay("[REDACTED]")]
public sealed class Secret
{
    /// <summary>What a secret prints as.</summary>
    public const string Redacted = "[REDACTED]";

    private readonly string value;

    /// <summary>Initializes a new instance of the <see cref="Secret"/> class.</summary>
    /// <param name="value">The value.</param>
    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = value;
    }

    /// <summary>Gets the value, for the one place that must send it.</summary>
    /// <returns>The value.</returns>
    public string Reveal() => value;

    /// <inheritdoc />
    public override string ToString() => Redacted;
}
