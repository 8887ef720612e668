using System.Net.Http;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Environments;

/// <summary>The web probe on HttpClient: 10 s per request, no redirects, no cookies.</summary>
internal sealed class HttpWebProbe : IWebProbe, IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<WebAnswer> GetAsync(Uri url, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new WebAnswer((int)response.StatusCode, body.Length > 65536 ? body[..65536] : body, null);
        }
        catch (HttpRequestException e)
        {
            return new WebAnswer(null, string.Empty, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebAnswer(null, string.Empty, "timed out after 10 s");
        }
    }

    public void Dispose() => client.Dispose();
}
