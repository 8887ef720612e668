namespace LocalAws.Api;

/// <summary>One AWS service on the shared endpoint: its actions, its XML namespace, its envelope.</summary>
internal abstract class ServiceApi(Cloud cloud)
{
    protected Cloud Cloud { get; } = cloud;

    /// <summary>Gets the short service name used in metrics: ec2, autoscaling, elb, elbv2.</summary>
    public abstract string Name { get; }

    public abstract string ApiVersion { get; }

    public abstract string XmlNamespace { get; }

    public bool IsEc2 => Name == "ec2";

    protected abstract IReadOnlyDictionary<string, Action<QueryRequest, XmlOut>> Actions { get; }

    /// <summary>Runs the action under the state lock and renders the whole response.</summary>
    public string Invoke(QueryRequest request, string requestId)
    {
        if (!Actions.TryGetValue(request.Action, out var handler))
        {
            throw new AwsException("InvalidAction", $"LocalAws does not implement {request.Action} ({Name} API {ApiVersion}).");
        }

        var xml = new XmlOut(IsEc2 ? "item" : "member");
        lock (Cloud.State.Gate)
        {
            xml.Open(request.Action + "Response", XmlNamespace);
            if (IsEc2)
            {
                xml.Leaf("requestId", requestId);
                handler(request, xml);
            }
            else
            {
                xml.Open(request.Action + "Result");
                handler(request, xml);
                xml.Close().Open("ResponseMetadata").Leaf("RequestId", requestId).Close();
            }

            xml.Close();
        }

        return xml.ToString();
    }

    /// <summary>Renders an error in this service's shape.</summary>
    public string Error(AwsException error, string requestId) => Render(IsEc2, error, requestId, XmlNamespace);

    public static string Render(bool ec2, AwsException error, string requestId, string? xmlns = null)
    {
        var xml = new XmlOut(ec2 ? "item" : "member");
        if (ec2)
        {
            xml.Open("Response").Open("Errors").Open("Error").Leaf("Code", error.Code).Leaf("Message", error.Message).Close().Close().Leaf("RequestID", requestId).Close();
        }
        else
        {
            xml.Open("ErrorResponse", xmlns).Open("Error").Leaf("Type", error.Type).Leaf("Code", error.Code).Leaf("Message", error.Message).Close().Leaf("RequestId", requestId).Close();
        }

        return xml.ToString();
    }

    protected DateTimeOffset Now => Cloud.Now;
}
