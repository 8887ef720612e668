using System.Net;
using Amazon.Runtime;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// Turns SDK exceptions into <see cref="AwsOperationException"/> messages that name the operation, the resource,
/// the region, the AWS code and message, and what to do. Adapters call it from their single error funnel.
/// </summary>
internal static class AwsErrors
{
    public static AwsOperationException Translate(Exception exception, string operation, string resource, string region) => exception switch
    {
        AmazonServiceException service when service.ErrorCode is { Length: > 0 } code => new AwsOperationException(
            ServiceMessage(operation, resource, region, code, service.Message, service.StatusCode), operation, resource, code, exception),
        AmazonServiceException service => new AwsOperationException(
            $"{operation} failed for {resource} in {region}: HTTP {(int)service.StatusCode} without an AWS error code ({service.Message}). Check the endpoint URL.",
            operation, resource, null, exception),
        _ => new AwsOperationException(
            $"{operation} failed for {resource} in {region} before AWS answered: {exception.Message.TrimEnd('.')}.{ClientHint(exception)}", operation, resource, null, exception),
    };

    private static string ServiceMessage(string operation, string resource, string region, string code, string message, HttpStatusCode status)
    {
        if (message.Contains("not found", StringComparison.OrdinalIgnoreCase) || code.EndsWith("NotFound", StringComparison.Ordinal))
        {
            return $"{Capitalize(resource)} not found in {region} ({code}): {operation} answered '{message}'. Check the name in fabulaws-config.yml and the region.";
        }

        var hint = code switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthFailure" =>
                " The credentials in use lack this permission: add it to their IAM policy.",
            "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "RequestExpired" =>
                " The credentials are invalid or expired: refresh them (aws sso login, new keys) or pick another profile.",
            _ when (int)status >= 500 || code is "Throttling" or "RequestLimitExceeded" or "DependencyThrottle" =>
                " AWS kept failing after the SDK's retries: try again later, or raise AWS_MAX_ATTEMPTS.",
            _ => string.Empty,
        };
        return $"{operation} failed for {resource} in {region} ({code}): {message.TrimEnd('.')}.{hint}";
    }

    private static string ClientHint(Exception exception)
    {
        var message = exception.Message;
        if (message.Contains("AWS profile", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        if (message.Contains("credentials", StringComparison.OrdinalIgnoreCase))
        {
            return " Configure credentials: aws_profile in fabulaws-config.yml or AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, 'aws sso login', or an instance role.";
        }

        return message.Contains("Region", StringComparison.Ordinal)
            ? " Set the region: region in fabulaws-config.yml, AWS_REGION, or the profile's region."
            : " Check the region, the endpoint URL and the network.";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
