using Amazon.Runtime;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>An in-process LocalAws and our real adapters pointed at it; dispose it to stop both.</summary>
internal sealed class LocalAwsAdapters : IAsyncDisposable
{
    private LocalAwsAdapters(LocalAwsServer server, AwsServices services)
    {
        Server = server;
        Services = services;
        Setup = new QueryClient(server.Endpoint);
    }

    public LocalAwsServer Server { get; }

    public AwsServices Services { get; }

    /// <summary>Gets a raw Query client for set-up the ports do not cover (target groups).</summary>
    public QueryClient Setup { get; }

    /// <summary>Fast simulated time: boot 50 ms, tick 50 ms, a 5 s health check interval is 0.1 s.</summary>
    public static LocalAwsOptions FastOptions(bool hosts) => new()
    {
        Port = 0,
        BootTime = TimeSpan.FromMilliseconds(50),
        ImageBuildTime = TimeSpan.FromMilliseconds(300),
        Tick = TimeSpan.FromMilliseconds(50),
        TimeScale = 0.02,
        StartHosts = hosts,
    };

    public static async Task<LocalAwsAdapters> StartAsync(bool hosts = false, Func<LocalAwsOptions, LocalAwsOptions>? configure = null)
    {
        var options = FastOptions(hosts);
        var server = await LocalAwsServer.StartAsync(configure is null ? options : configure(options));
        return new LocalAwsAdapters(server, Connect(server));
    }

    /// <summary>Our adapters exactly as a deployment builds them, but at LocalAws, with test credentials and a 1 ms retry backoff.</summary>
    public static AwsServices Connect(LocalAwsServer server) => AwsClientFactory.Create(new AwsConnectionSettings
    {
        EndpointUrl = server.Endpoint.ToString(),
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("x", "x"),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(1),
    });

    /// <summary>Polls through the ports until <paramref name="condition"/> holds, or fails naming what it waited for.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Through the ports: {what} did not hold within {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds:0} s; last read: {value}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Setup.Dispose();
        Services.Dispose();
        await Server.DisposeAsync();
    }
}
