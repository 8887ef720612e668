using System.Diagnostics;

namespace Deploy.Benchmarks;

/// <summary>What one request of the user got, on the benchmark's clock.</summary>
/// <param name="At">When the answer came.</param>
/// <param name="Status">The status code, or 0 when the request failed.</param>
/// <param name="Body">The body, or the error.</param>
internal sealed record SiteAnswer(TimeSpan At, int Status, string Body);

/// <summary>A user of the site: GETs the load balancer's address every few milliseconds and keeps every answer.</summary>
internal sealed class SiteUser : IAsyncDisposable
{
    private readonly List<SiteAnswer> answers = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;

    public SiteUser(Uri site, TimeSpan every, Stopwatch clock)
    {
        polling = Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (!stop.IsCancellationRequested)
            {
                SiteAnswer answer;
                try
                {
                    using var response = await http.GetAsync(site, stop.Token);
                    answer = new SiteAnswer(clock.Elapsed, (int)response.StatusCode, await response.Content.ReadAsStringAsync(stop.Token));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    answer = new SiteAnswer(clock.Elapsed, 0, e.Message);
                }

                lock (answers)
                {
                    answers.Add(answer);
                }

                try
                {
                    await Task.Delay(every, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
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
}
