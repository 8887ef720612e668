using Microsoft.AspNetCore.Http;

namespace LocalAws.Hosts;

/// <summary>
/// The instance's web server, nginx-like as FabulAWS configured it: static files from <c>www/</c>; while
/// <c>www/upgrade_message.html</c> exists every request gets 503 with that page, except
/// <c>/healthcheck.html</c>, which still answers 200 from <c>www/healthcheck.html</c>.
/// </summary>
internal static class InstanceWebServer
{
    public const string HealthCheckPath = "/healthcheck.html";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".css"] = "text/css",
        [".js"] = "application/javascript",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
    };

    public static RequestDelegate Handler(string www, string instanceId, Func<bool> neverHealthy) => async context =>
    {
        var response = context.Response;
        response.Headers["X-LocalAws-Instance"] = instanceId;
        if (neverHealthy())
        {
            await Write(context, 500, "text/plain", "LocalAws fault: this instance never becomes healthy\n").ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value is { Length: > 0 } p ? p : "/";
        var upgrade = Path.Combine(www, "upgrade_message.html");
        if (File.Exists(upgrade) && path != HealthCheckPath)
        {
            await Write(context, 503, ContentTypes[".html"], await ReadOrEmpty(upgrade).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        var file = Resolve(www, path);
        if (file is null || !File.Exists(file))
        {
            await Write(context, 404, "text/plain", "404 Not Found\n").ConfigureAwait(false);
            return;
        }

        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        await Write(context, 200, type, await ReadOrEmpty(file).ConfigureAwait(false)).ConfigureAwait(false);
    };

    private static string? Resolve(string www, string path)
    {
        var relative = Uri.UnescapeDataString(path).TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(www, relative));
        var root = Path.GetFullPath(www);
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        return Directory.Exists(full) ? Path.Combine(full, "index.html") : full;
    }

    private static async Task<string> ReadOrEmpty(string file)
    {
        try
        {
            return await File.ReadAllTextAsync(file).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return string.Empty; // removed between the check and the read
        }
    }

    private static async Task Write(HttpContext context, int status, string type, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(body).ConfigureAwait(false);
        }
    }
}
