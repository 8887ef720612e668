using Microsoft.AspNetCore.Http;

namespace LocalAws.Hosts;

/// <summary>
/// The instance's web server, nginx-like as FabulAWS configured it: a file that exists in
/// <c>~/services/nginx/html/</c> (FabulAWS's static_root, where a deploy puts the upgrade page and the health-check
/// override) is served from there; else, while <c>upgrade_message.html</c> is there, every request gets 503 with
/// it; else the application answers, here the static files of <c>~/www/</c>.
/// </summary>
internal static class InstanceWebServer
{
    /// <summary>The folder of the deploy's own pages, relative to the instance's home (FabulAWS's nginx root).</summary>
    public const string OverrideDirectory = "services/nginx/html";

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

    public static RequestDelegate Handler(string home, string instanceId, Func<bool> neverHealthy) => async context =>
    {
        var response = context.Response;
        response.Headers["X-LocalAws-Instance"] = instanceId;
        if (neverHealthy())
        {
            await Write(context, 500, "text/plain", "LocalAws fault: this instance never becomes healthy\n").ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value is { Length: > 0 } p ? p : "/";
        var overrides = Path.Combine(home, OverrideDirectory);
        if (Resolve(overrides, path) is { } own && File.Exists(own))
        {
            await WriteFile(context, own).ConfigureAwait(false);
            return;
        }

        var upgrade = Path.Combine(overrides, "upgrade_message.html");
        if (File.Exists(upgrade))
        {
            await Write(context, 503, ContentTypes[".html"], await ReadOrEmpty(upgrade).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        var file = Resolve(Path.Combine(home, "www"), path);
        if (file is null || !File.Exists(file))
        {
            await Write(context, 404, "text/plain", "404 Not Found\n").ConfigureAwait(false);
            return;
        }

        await WriteFile(context, file).ConfigureAwait(false);
    };

    private static async Task WriteFile(HttpContext context, string file)
    {
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        await Write(context, 200, type, await ReadOrEmpty(file).ConfigureAwait(false)).ConfigureAwait(false);
    }

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
