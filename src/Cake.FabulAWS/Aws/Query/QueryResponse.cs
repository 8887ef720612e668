using System.Xml.Linq;
using Amazon.Runtime;

namespace Cake.FabulAWS.Aws.Query;

/// <summary>The <c>&lt;{Action}Result&gt;</c> element of a Query response, with namespaces removed, or null when there is none.</summary>
internal sealed class QueryResponse : AmazonWebServiceResponse
{
    public XElement? Result { get; init; }
}
