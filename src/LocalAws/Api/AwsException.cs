namespace LocalAws.Api;

/// <summary>An AWS-shaped error: code, message, HTTP status, and whether the sender is at fault.</summary>
/// <param name="code">The AWS error code (ValidationError, InvalidInstanceID.NotFound, ...).</param>
/// <param name="message">The message.</param>
/// <param name="status">The HTTP status.</param>
public sealed class AwsException(string code, string message, int status = 400) : Exception(message)
{
    /// <summary>Gets the AWS error code.</summary>
    public string Code { get; } = code;

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Gets the fault type (Sender or Receiver).</summary>
    public string Type => Status >= 500 ? "Receiver" : "Sender";

    /// <summary>A Query-service validation error.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static AwsException Validation(string message) => new("ValidationError", message);
}
