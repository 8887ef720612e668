using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// Base of the Query-service adapters: the single error funnel (<see cref="CallAsync"/>) and page following
/// (NextToken for Auto Scaling, Marker/NextMarker for ELB).
/// </summary>
internal abstract class QueryAdapter(Func<QueryServiceClient> client, Func<string> region)
{
    /// <summary>Gets the region the calls go to, for messages.</summary>
    protected string Region => region();

    /// <summary>Calls an action; a failure becomes an <see cref="AwsOperationException"/> naming the resource.</summary>
    protected Task<XElement?> CallAsync(QueryRequest request, string resource, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(() => client().CallAsync(request, cancellationToken), request.Action, resource, region);

    /// <summary>Calls an action page by page until the answer has no next token.</summary>
    /// <param name="buildRequest">Builds the request for a page; the argument is the token (null for the first page).</param>
    /// <param name="inputToken">The request parameter that carries the token (NextToken or Marker).</param>
    /// <param name="outputToken">The result element that carries the next token (NextToken or NextMarker).</param>
    /// <param name="resource">The resource, for errors.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Each page's result element.</returns>
    protected async IAsyncEnumerable<XElement> PagesAsync(
        Func<QueryRequest> buildRequest,
        string inputToken,
        string outputToken,
        string resource,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var result = await CallAsync(buildRequest().Add(inputToken, token), resource, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                yield break;
            }

            yield return result;
            token = result.Text(outputToken);
        }
        while (!string.IsNullOrEmpty(token));
    }
}
