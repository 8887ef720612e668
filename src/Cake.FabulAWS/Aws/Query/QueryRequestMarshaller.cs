using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>Turns a <see cref="QueryRequest"/> into the SDK's HTTP request: POST / with Action, Version and the parameters.</summary>
internal sealed class QueryRequestMarshaller(QueryService service) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var query = (QueryRequest)input;
        var request = new DefaultRequest(query, service.ServiceId) { HttpMethod = "POST", ResourcePath = "/" };
        request.Parameters.Add("Action", query.Action);
        request.Parameters.Add("Version", service.Version);
        foreach (var (name, value) in query.Parameters)
        {
            request.Parameters.Add(name, value);
        }

        return request;
    }
}
