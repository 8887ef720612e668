using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>
/// Reads <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…</c> into an <see cref="XElement"/> without namespaces, and
/// errors (<c>&lt;ErrorResponse&gt;&lt;Error&gt;</c>) with the SDK's own error reader, so the retry policy sees the AWS
/// error code (Throttling, DependencyThrottle, ...).
/// </summary>
internal sealed class QueryResponseUnmarshaller(string action) : XmlResponseUnmarshaller
{
    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input)
    {
        // Nothing has read the stream yet: the context creates its XML reader on first use.
        var document = XDocument.Load(input.Stream);
        foreach (var element in document.Descendants())
        {
            element.Name = element.Name.LocalName;
        }

        var root = document.Root;
        var response = new QueryResponse { Result = root?.Element(action + "Result") };
        response.ResponseMetadata = new ResponseMetadata { RequestId = root?.Element("ResponseMetadata")?.Element("RequestId")?.Value };
        return response;
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(input);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}
