namespace Cake.FabulAWS.Ports;

/// <summary>What one HTTP GET answered.</summary>
/// <param name="Status">The status code, or null when no answer came.</param>
/// <param name="Body">The body (the first 64 KiB).</param>
/// <param name="Error">Why no answer came (refused, timed out), or null.</param>
public sealed record WebAnswer(int? Status, string Body, string? Error)
{
    /// <inheritdoc />
    public override string ToString() => Status is { } status ? $"HTTP {status}" : $"no answer ({Error})";
}

/// <summary>HTTP GETs of the site and of instances, for the deploys' direct checks.</summary>
public interface IWebProbe
{
    /// <summary>GETs a URL once, without following redirects.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; a failure to connect is an answer with an error, never an exception.</returns>
    Task<WebAnswer> GetAsync(Uri url, CancellationToken cancellationToken = default);
}

/// <summary>Asks the person at the terminal, when there is one (production deploys).</summary>
public interface IConfirmation
{
    /// <summary>Gets a value indicating whether someone can answer: a terminal, not CI.</summary>
    bool IsInteractive { get; }

    /// <summary>Asks and reads one line.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The answer, or null when the input ended.</returns>
    string? Ask(string question);
}
