using System.Globalization;
using System.Net.Sockets;

namespace LocalAws.Control;

/// <summary>One health check to run: a real HTTP GET or TCP connect against an instance host.</summary>
/// <param name="Owner">The load balancer name or target group ARN.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Address">Its address, or null when it is not running (the check fails without a request).</param>
/// <param name="Http">HTTP GET (else TCP connect).</param>
/// <param name="Port">The real port.</param>
/// <param name="Path">The HTTP path.</param>
/// <param name="Timeout">The timeout.</param>
/// <param name="Matcher">Accepted status codes: "200", "200-299", "200,302".</param>
internal sealed record HealthProbe(string Owner, string InstanceId, string? Address, bool Http, int Port, string Path, TimeSpan Timeout, string Matcher)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2), AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>Runs the check.</summary>
    /// <returns>Success, and a reason code for a failure (Timeout, ResponseCodeMismatch, NotRunning, ConnectionFailed).</returns>
    public async Task<(bool Ok, string Reason, int? Status)> RunAsync()
    {
        if (Address is null)
        {
            return (false, "NotRunning", null);
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            if (!Http)
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(Address, Port, cts.Token).ConfigureAwait(false);
                return (true, string.Empty, null);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{Address}:{Port}{Path}"));
            request.Headers.ConnectionClose = true; // no idle keep-alive connections to hold up a host's shutdown
            request.Headers.UserAgent.ParseAdd("ELB-HealthChecker/1.0");
            using var response = await Client.SendAsync(request, cts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return Matches(status) ? (true, string.Empty, status) : (false, "ResponseCodeMismatch", status);
        }
        catch (OperationCanceledException)
        {
            return (false, "Timeout", null);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            return (false, "ConnectionFailed", null);
        }
    }

    private bool Matches(int status) => Matcher.Split(',').Any(part =>
    {
        var range = part.Trim().Split('-');
        var low = int.Parse(range[0], CultureInfo.InvariantCulture);
        var high = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : low;
        return status >= low && status <= high;
    });
}
