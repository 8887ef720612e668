using System.Diagnostics;
using System.Net.Http;

namespace Cake.FabulAWS.IntegrationTests.Pipeline;

/// <summary>What one request of the poller got.</summary>
/// <param name="At">When, since the poller started.</param>
/// <param name="Status">The status code, or 0 when the request failed.</param>
/// <param name="Body">The body, or the error.</param>
internal sealed record SiteAnswer(TimeSpan At, int Status, string Body)
{
    public bool Ok => Status == 200;

    /// <summary>Gets what the poller's <c>note</c> read right after the answer came, or null.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// A user of the site: GETs the load balancer's address every few milliseconds and keeps every answer, each with
/// what <c>note</c> (if given) reads right after it came, such as LocalAws's state at that moment.
/// </summary>
internal sealed class SitePoller : IAsyncDisposable
{
    private readonly List<SiteAnswer> answers = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;

    public SitePoller(Uri site, TimeSpan every, Func<string?>? note = null)
    {
        var clock = Stopwatch.StartNew();
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
                    answers.Add(note is null ? answer : answer with { Note = note() });
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
