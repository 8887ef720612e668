using Amazon.Runtime.Internal;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// Adjusts the SDK's retry handler in place: ELB's <c>DependencyThrottle</c> counts as throttling (the SDK
/// already knows <c>Throttling</c>, <c>RequestLimitExceeded</c> and HTTP 5xx), and tests may cap the backoff.
/// </summary>
internal static class RetryTuning
{
    public static void Apply(RuntimePipeline pipeline, TimeSpan? maxBackoff)
    {
        foreach (var handler in pipeline.EnumerateHandlers().OfType<RetryHandler>())
        {
            handler.RetryPolicy.ThrottlingErrorCodes.Add("DependencyThrottle");
            if (maxBackoff is { } cap && handler.RetryPolicy is StandardRetryPolicy standard)
            {
                standard.MaxBackoffInMilliseconds = Math.Max(1, (int)cap.TotalMilliseconds);
            }
        }
    }
}
