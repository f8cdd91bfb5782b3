using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Exchanges.Common.Snapshots;

/// <summary>
/// Fetches REST depth snapshots one at a time within a venue's request-weight budget (token bucket refilled
/// continuously per minute), so a burst of resyncs never bursts past the venue's limit. HTTP 429/418 pause every
/// request for the <c>Retry-After</c> the venue gives (60 s when absent) and the symbol is retried; other failures
/// are retried with backoff up to <see cref="MaxAttempts"/>, then reported.
/// </summary>
/// <remarks>Thread-safe: <see cref="Enqueue"/> from anywhere; one background loop (<see cref="RunAsync"/>) does the work.</remarks>
public sealed partial class SnapshotFetcher
{
    private readonly HttpClient _http;
    private readonly Func<string, Uri> _uriFor;
    private readonly Func<string, string, byte[], Timestamp, ValueTask> _onResponse;
    private readonly Action<string, string> _onFailure;
    private readonly int _weight;
    private readonly int _weightPerMinute;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CaptureWriter? _capture;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private double _tokens;
    private DateTimeOffset _lastRefill;
    private long _requests;
    private long _failures;

    /// <summary>Creates a fetcher.</summary>
    /// <param name="http">HTTP client (owned by the caller).</param>
    /// <param name="uriFor">Snapshot URL per symbol.</param>
    /// <param name="onResponse">Called with (symbol, url, body, receive time) for each 2xx response.</param>
    /// <param name="onFailure">Called with (symbol, reason) when a symbol's attempts are exhausted.</param>
    /// <param name="weight">Weight of one request.</param>
    /// <param name="weightPerMinute">Budget per minute (≥ weight).</param>
    /// <param name="time">Clock.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="capture">Records responses when set.</param>
    public SnapshotFetcher(
        HttpClient http,
        Func<string, Uri> uriFor,
        Func<string, string, byte[], Timestamp, ValueTask> onResponse,
        Action<string, string> onFailure,
        int weight,
        int weightPerMinute,
        TimeProvider time,
        ILogger logger,
        CaptureWriter? capture = null)
    {
        _http = http;
        _uriFor = uriFor;
        _onResponse = onResponse;
        _onFailure = onFailure;
        _weight = Math.Max(1, weight);
        _weightPerMinute = Math.Max(_weight, weightPerMinute);
        _time = time;
        _logger = logger;
        _capture = capture;
        _tokens = _weightPerMinute;
        _lastRefill = time.GetUtcNow();
    }

    /// <summary>Attempts per symbol before reporting failure. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Requests sent.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Failed requests (HTTP errors, 429/418, network).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Queues a snapshot for a symbol; a symbol already queued is not queued twice.</summary>
    /// <param name="symbol">Native symbol.</param>
    public void Enqueue(string symbol)
    {
        lock (_pending)
        {
            if (!_pending.Add(symbol))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(symbol);
    }

    /// <summary>Processes the queue until cancelled.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>Completes when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var symbol in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_pending)
                {
                    _pending.Remove(symbol);
                }

                await FetchWithRetriesAsync(symbol, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task FetchWithRetriesAsync(string symbol, CancellationToken cancellationToken)
    {
        var uri = _uriFor(symbol);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await TakeTokensAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
                {
                    Interlocked.Increment(ref _failures);
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(60);
                    LogRateLimited(_logger, uri, (int)response.StatusCode, wait);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var now = Timestamp.Now(_time);
                _capture?.Write(new CaptureRecord(now, CaptureRecordKind.Rest, uri.ToString(), body));
                if (response.IsSuccessStatusCode)
                {
                    await _onResponse(symbol, uri.ToString(), body, now).ConfigureAwait(false);
                    return;
                }

                Interlocked.Increment(ref _failures);
                LogSnapshotFailed(_logger, uri, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Interlocked.Increment(ref _failures);
                LogSnapshotFailed(_logger, uri, ex.Message);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), _time, cancellationToken).ConfigureAwait(false);
        }

        _onFailure(symbol, $"no snapshot after {MaxAttempts} attempts");
    }

    private async Task TakeTokensAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_weightPerMinute, _tokens + ((now - _lastRefill).TotalMinutes * _weightPerMinute));
            _lastRefill = now;
            if (_tokens >= _weight)
            {
                _tokens -= _weight;
                return;
            }

            var wait = TimeSpan.FromMinutes((_weight - _tokens) / _weightPerMinute);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2201, EventName = "SnapshotRateLimited", Level = LogLevel.Warning, Message = "Snapshot {Uri} rate limited (HTTP {Status}); pausing {Wait}")]
    private static partial void LogRateLimited(ILogger logger, Uri uri, int status, TimeSpan wait);

    [LoggerMessage(EventId = 2202, EventName = "SnapshotFailed", Level = LogLevel.Warning, Message = "Snapshot {Uri} failed: {Error}")]
    private static partial void LogSnapshotFailed(ILogger logger, Uri uri, string error);
}
