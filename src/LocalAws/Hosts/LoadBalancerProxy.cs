using Microsoft.AspNetCore.Http;

namespace LocalAws.Hosts;

/// <summary>
/// A load balancer's HTTP endpoint: forwards each request to the next of its in-service, healthy backends
/// (round-robin), or answers 503 when it has none, as users would see it during a deploy.
/// </summary>
internal static class LoadBalancerProxy
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection", "TE", "Trailer",
    };

    public static RequestDelegate Handler(string name, int backendPort, Func<IReadOnlyList<(string InstanceId, string Address)>> backends)
    {
        var next = 0;
        return async context =>
        {
            var healthy = backends();
            if (healthy.Count == 0)
            {
                context.Response.StatusCode = 503;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync($"503 Service Unavailable: load balancer {name} has no healthy instances\n").ConfigureAwait(false);
                return;
            }

            var target = healthy[(int)((uint)Interlocked.Increment(ref next) % (uint)healthy.Count)];
            await ForwardAsync(context, target.Address, backendPort).ConfigureAwait(false);
        };
    }

    private static async Task ForwardAsync(HttpContext context, string address, int port)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), $"http://{address}:{port}{request.Path}{request.QueryString}");
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        try
        {
            using var answer = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            context.Response.StatusCode = 502;
            await context.Response.WriteAsync($"502 Bad Gateway: {address}:{port} {e.Message}\n").ConfigureAwait(false);
        }
    }
}
