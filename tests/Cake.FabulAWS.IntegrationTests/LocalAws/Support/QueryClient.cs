using System.Xml.Linq;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Support;

/// <summary>A minimal Query-protocol client for behaviour tests (faster than starting awscli for each call).</summary>
internal sealed class QueryClient(Uri endpoint) : IDisposable
{
    private static readonly Dictionary<string, (string Version, string SigningName)> Services = new()
    {
        ["ec2"] = ("2016-11-15", "ec2"),
        ["autoscaling"] = ("2011-01-01", "autoscaling"),
        ["elb"] = ("2012-06-01", "elasticloadbalancing"),
        ["elbv2"] = ("2015-12-01", "elasticloadbalancing"),
    };

    private readonly HttpClient http = new() { BaseAddress = endpoint };

    public async Task<XElement> CallAsync(string service, string action, params (string Key, string Value)[] parameters)
    {
        var (status, xml) = await TryAsync(service, action, parameters);
        Assert.True(status == 200, $"{service} {action} answered {status}: {xml}");
        return xml;
    }

    public Task<(int Status, XElement Xml)> TryAsync(string service, string action, params (string Key, string Value)[] parameters) =>
        SendAsync(service, action, CancellationToken.None, parameters);

    /// <summary>Sends one call; cancelling closes the connection, as a killed client would.</summary>
    public async Task<(int Status, XElement Xml)> SendAsync(string service, string action, CancellationToken cancellationToken, params (string Key, string Value)[] parameters)
    {
        var (version, signingName) = Services[service];
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{signingName}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, XElement.Parse(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    public void Dispose() => http.Dispose();
}

internal static class XmlExtensions
{
    /// <summary>Every descendant element with this local name (namespaces ignored).</summary>
    public static IEnumerable<XElement> All(this XElement xml, string name) => xml.Descendants().Where(e => e.Name.LocalName == name);

    public static string One(this XElement xml, string name) => xml.All(name).First().Value;
}
