using Amazon.Runtime;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// Runs one SDK call and translates its failure once. The SDK has already retried throttling and 5xx answers by
/// then; what reaches here is final. Cancellation passes through untouched.
/// </summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string operation, string resource, Func<string> region)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsAwsFailure(exception))
        {
            throw AwsErrors.Translate(exception, operation, resource, region());
        }
    }

    private static bool IsAwsFailure(Exception exception) =>
        exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException;
}
