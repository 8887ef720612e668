namespace Cake.FabulAWS.Configuration;

/// <summary>
/// <c>fabulaws-config.yml</c> cannot be used: its message lists every problem found, each with its file, line,
/// column and key path, so all of them can be fixed in one go.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/> because <c>Cake.Core.CakeException</c> is sealed in Cake 7; Cake reports
/// its message like any other task error.
/// </remarks>
public sealed class FabulAwsConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FabulAwsConfigurationException"/> class.</summary>
    /// <param name="errors">The problems, at least one.</param>
    public FabulAwsConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : this(errors, hint: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FabulAwsConfigurationException"/> class.</summary>
    /// <param name="errors">The problems, at least one.</param>
    /// <param name="hint">What to do about them, added after the list; <c>null</c> for the default advice.</param>
    public FabulAwsConfigurationException(IReadOnlyList<ConfigurationError> errors, string? hint)
        : base(Describe(errors, hint))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError> errors, string? hint)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }

        var file = errors[0].File;
        var heading = errors.Count == 1
            ? $"{file} has 1 error:"
            : $"{file} has {errors.Count} errors:";
        var lines = errors.Select(error => "  " + error);
        var advice = hint ?? "Fix them and run again; fabulaws-config.example.yml documents every key.";
        return string.Join(Environment.NewLine, [heading, .. lines, advice]);
    }
}
