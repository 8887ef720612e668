using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cake.FabulAWS.Tests.Aws;

/// <summary>One request as the fake AWS endpoint received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string Action => Value("Action") ?? string.Empty;

    public string? Value(string name) => Form.FirstOrDefault(pair => pair.Key == name).Value;

    /// <summary>The form without Action and Version, as "key=value" lines in the order sent.</summary>
    public IReadOnlyList<string> Parameters => Form.Where(p => p.Key is not ("Action" or "Version")).Select(p => $"{p.Key}={p.Value}").ToList();
}

/// <summary>A canned answer.</summary>
public sealed record FakeResponse(int Status, string Body);

/// <summary>
/// A loopback HTTP endpoint (Kestrel on 127.0.0.1, port chosen by the OS) that records every request and
/// answers with canned AWS-shaped XML per action. Never reachable from outside the machine.
/// </summary>
public sealed class FakeAwsServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Queue<FakeResponse>> responses = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FakeAwsServer(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    public static async Task<FakeAwsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>(); // InterruptSignalsTests send SIGTERM to this process
        var server = new FakeAwsServer(builder.Build());
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Url = address.TrimEnd('/') + "/";
        return server;
    }

    /// <summary>Queues answers for an action; the last one repeats.</summary>
    public FakeAwsServer On(string action, params FakeResponse[] answers)
    {
        var queue = responses.GetOrAdd(action, _ => new Queue<FakeResponse>());
        lock (queue)
        {
            foreach (var answer in answers)
            {
                queue.Enqueue(answer);
            }
        }

        return this;
    }

    public FakeAwsServer On(string action, string okBody) => On(action, new FakeResponse(200, okBody));

    public IReadOnlyList<RecordedRequest> RequestsFor(string action) => Requests.Where(r => r.Action == action).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var form = ParseForm(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path, headers, form);
        requests.Enqueue(recorded);
        var answer = Next(recorded.Action);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(answer.Body);
    }

    private FakeResponse Next(string action)
    {
        if (!responses.TryGetValue(action, out var queue))
        {
            return new FakeResponse(400, AwsXml.Error("InvalidAction", $"The fake has no answer for {action}."));
        }

        lock (queue)
        {
            return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }
    }

    private static List<KeyValuePair<string, string>> ParseForm(string body) => body.Length == 0
        ? []
        : body.Split('&').Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : string.Empty);
        }).ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
