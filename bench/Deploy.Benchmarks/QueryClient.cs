using System.Xml.Linq;

namespace Deploy.Benchmarks;

/// <summary>A minimal Query-protocol client for setting LocalAws up (the deploys use the add-in's own clients).</summary>
/// <param name="endpoint">LocalAws's endpoint.</param>
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
        var (version, signingName) = Services[service];
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{signingName}/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? XElement.Parse(body) : throw new InvalidOperationException($"{service} {action} answered {(int)response.StatusCode}: {body}");
    }

    public void Dispose() => http.Dispose();
}

internal static class XmlExtensions
{
    public static string One(this XElement xml, string name) => xml.Descendants().First(e => e.Name.LocalName == name).Value;
}
