using System.Diagnostics;

namespace Demo;

/// <summary>What one request of the client got.</summary>
/// <param name="At">When it was sent, in seconds since the demo started.</param>
/// <param name="Took">How long it took, in seconds.</param>
/// <param name="Status">The HTTP status, or 0 when there was no answer.</param>
/// <param name="Kind">What a user saw: the app, the upgrade page, or a failure.</param>
/// <param name="Version">The app's version on the page (<see cref="PageVersion"/>), for the app.</param>
/// <param name="Instance">The instance that answered (LocalAws's X-LocalAws-Instance header).</param>
/// <param name="Detail">For a failure: the status line or the error, shortened.</param>
internal sealed record SiteAnswer(double At, double Took, int Status, AnswerKind Kind, int? Version, string? Instance, string? Detail);

/// <summary>What a user saw.</summary>
internal enum AnswerKind
{
    /// <summary>200 from the app.</summary>
    Served,

    /// <summary>503 with the configuration's upgrade page: the site is down on purpose (DeployFull).</summary>
    UpgradePage,

    /// <summary>Anything else: no answer, a time-out, an error status, the load balancer's own 503.</summary>
    Failed,
}

/// <summary>
/// A user of the site: GETs the load balancer every <c>every</c> (one request at a time; a slow answer delays the next)
/// and keeps what each answer was. The site's address is asked for before each request, so a load balancer that does not
/// exist yet (CreateEnvironment) is a failed request, not a crash.
/// </summary>
internal sealed class SitePoller : IAsyncDisposable
{
    private readonly List<SiteAnswer> answers = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;

    public SitePoller(Func<Uri?> site, TimeSpan every, Func<double> now, string upgradePage)
    {
        var upgrade = upgradePage.Trim();
        polling = Task.Run(async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(10) }) { Timeout = TimeSpan.FromSeconds(5) };
            using var timer = new PeriodicTimer(every);
            do
            {
                var at = now();
                var clock = Stopwatch.StartNew();
                SiteAnswer answer;
                try
                {
                    var uri = site() ?? throw new HttpRequestException("the load balancer does not exist yet");
                    using var response = await http.GetAsync(uri, stop.Token);
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    var status = (int)response.StatusCode;
                    var instance = response.Headers.TryGetValues("X-LocalAws-Instance", out var values) ? values.FirstOrDefault() : null;
                    answer = status == 200 ? new SiteAnswer(at, clock.Elapsed.TotalSeconds, status, AnswerKind.Served, PageVersion.Read(body), instance, null)
                        : status == 503 && body.Trim() == upgrade ? new SiteAnswer(at, clock.Elapsed.TotalSeconds, status, AnswerKind.UpgradePage, null, instance, null)
                        : new SiteAnswer(at, clock.Elapsed.TotalSeconds, status, AnswerKind.Failed, null, instance, $"HTTP {status}: {Shorten(body)}");
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException)
                {
                    answer = new SiteAnswer(at, clock.Elapsed.TotalSeconds, 0, AnswerKind.Failed, null, null, Shorten(e is TaskCanceledException ? "no answer within 5 s" : e.Message));
                }

                lock (answers)
                {
                    answers.Add(answer);
                }
            }
            while (await Tick(timer));
        });

        async Task<bool> Tick(PeriodicTimer timer)
        {
            try
            {
                return await timer.WaitForNextTickAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public IReadOnlyList<SiteAnswer> Answers
    {
        get
        {
            lock (answers)
            {
                return [.. answers];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await polling;
        stop.Dispose();
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length > 100 ? line[..100] + "..." : line;
    }
}
