using System.Diagnostics;
using OrleansFeed.Core.Aggregation.Latency;

namespace OrleansFeed.LoadHarness;

/// <summary>
/// The soak's REST client: one request every <see cref="Period"/>, round-robin over a book, an NBBO, stats, candles and
/// <c>/health/live</c>, with its own API key (under the key's rate limit), timing each response into a histogram the
/// soak takes once a minute; and <c>/metrics</c> scraped every 15 s (not timed), as a Prometheus server would.
/// </summary>
internal sealed class SoakRest : IAsyncDisposable
{
    /// <summary>Time between two requests (10 per second, a fifth of the default key's rate limit).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    // Requests between two /metrics scrapes: 150 × 100 ms = 15 s, a usual Prometheus scrape interval.
    private const int ScrapeEvery = 150;
    private readonly HttpClient _http;
    private readonly string[] _paths;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly LatencyHistogram _latency = new();
    private readonly Task _loop;
    private long _errors;

    public SoakRest(Uri baseUri, string apiKey, string book, string instrument)
    {
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        var slash = book.IndexOf(':', StringComparison.Ordinal);
        _paths =
        [
            $"/api/v1/books/{book[..slash]}/{Uri.EscapeDataString(book[(slash + 1)..])}?depth=10",
            $"/api/v1/nbbo/{instrument}",
            $"/api/v1/stats/{instrument}",
            $"/api/v1/candles/{instrument}?interval=1m",
            "/health/live",
        ];
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Takes the minute's figures and starts a new minute.</summary>
    public (long Count, long P50, long P99, long Max, long Errors) Take()
    {
        lock (_lock)
        {
            var figures = (_latency.Count, _latency.ValueAtPercentile(50), _latency.ValueAtPercentile(99), _latency.MaxMicroseconds, Interlocked.Exchange(ref _errors, 0));
            _latency.Reset();
            return figures;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    // Scrapes /metrics as Prometheus would (every 15 s), outside the REST figures: OpenTelemetry drops the metric
    // streams of disposed meters (each looped simulator's host has its own) only when it collects.
    private async Task ScrapeAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("/metrics", UriKind.Relative), _stop.Token).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Period);
        var i = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (i % ScrapeEvery == 0)
                {
                    await ScrapeAsync().ConfigureAwait(false);
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _http.GetAsync(_paths[i++ % _paths.Length], _stop.Token).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _errors);
                }

                lock (_lock)
                {
                    _latency.Record(Stopwatch.GetElapsedTime(start));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
