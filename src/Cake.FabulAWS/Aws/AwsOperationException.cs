namespace Cake.FabulAWS.Aws;

/// <summary>
/// An AWS call that failed, with the operation, the resource and the AWS error code. It derives from
/// <see cref="Exception"/> because <c>Cake.Core.CakeException</c> is sealed in Cake 7; Cake reports its message the same way.
/// </summary>
public sealed class AwsOperationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AwsOperationException"/> class.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="operation">The AWS operation, such as UpdateAutoScalingGroup.</param>
    /// <param name="resource">The resource, such as <c>Auto Scaling group 'web-prod'</c>.</param>
    /// <param name="errorCode">The AWS error code, or null when the call never got an AWS answer.</param>
    /// <param name="innerException">The SDK exception.</param>
    public AwsOperationException(string message, string operation, string resource, string? errorCode, Exception? innerException)
        : base(message, innerException)
    {
        Operation = operation;
        Resource = resource;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the AWS operation that failed.</summary>
    public string Operation { get; }

    /// <summary>Gets the resource the operation was about.</summary>
    public string Resource { get; }

    /// <summary>Gets the AWS error code (ValidationError, AccessDenied, Throttling, ...), or null.</summary>
    public string? ErrorCode { get; }
}
