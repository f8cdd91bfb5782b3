using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis;
using OrleansFeed.Redis.Health;

namespace OrleansFeed.Silo.Redis;

/// <summary>
/// Hosted service that feeds Redis last values from the silo's streams: starts every registered
/// <see cref="ILastValueSource"/> (the last-value table, <see cref="LastValueTable"/>) and runs one pass per
/// <see cref="RedisOptions.LastValueMinInterval"/> on the <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>While Redis is disconnected (<see cref="RedisHealth.IsConnected"/>) passes are skipped: no grain is read and
/// nothing is offered, so an outage costs the silo nothing. The first pass after a (re)connect offers every key
/// (<see cref="LastValuePass.RefreshAll"/>), because a restarted server is empty and keys may have expired.</para>
/// <para>A key unchanged for <see cref="RedisOptions.LastValueTtl"/> / 3 is offered again, so keys expire only when
/// the silo stops publishing them (stopped, crashed, or the book is no longer configured).</para>
/// <para>Registered after the feed's startup service, so the configured books exist when sources subscribe. A
/// source that throws in a pass is logged (once per failure episode) and tried again next pass.</para>
/// </remarks>
public sealed partial class LastValuePublisher : IHostedService, IAsyncDisposable
{
    private readonly IReadOnlyList<ILastValueSource> _sources;
    private readonly RedisHealth _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _keepAlive;
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool[] _failing;
    private Task? _loop;
    private bool _wasConnected;
    private long _passes;
    private long _offered;

    /// <summary>Created by DI.</summary>
    /// <param name="sources">The last-value table's sources.</param>
    /// <param name="health">Redis connection state (passes are skipped while disconnected).</param>
    /// <param name="options">Redis options: <see cref="RedisOptions.LastValueMinInterval"/> and <see cref="RedisOptions.LastValueTtl"/>.</param>
    /// <param name="timeProvider">The clock of the pass timer.</param>
    /// <param name="logger">Logger.</param>
    public LastValuePublisher(IEnumerable<ILastValueSource> sources, RedisHealth health, IOptions<RedisOptions> options,
        TimeProvider timeProvider, ILogger<LastValuePublisher> logger)
    {
        _sources = sources.ToArray();
        _health = health;
        _timeProvider = timeProvider;
        _logger = logger;
        _interval = options.Value.LastValueMinInterval;
        _keepAlive = TimeSpan.FromTicks(Math.Max(options.Value.LastValueTtl.Ticks / 3, _interval.Ticks));
        _failing = new bool[_sources.Count];
    }

    /// <summary>Passes run while connected since start.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Values offered to the last-value store since start.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Subscribes every source and starts the pass loop; returns without waiting for Redis.</summary>
    /// <param name="cancellationToken">The host's start token.</param>
    /// <returns>Completes when subscribed.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            var keys = await source.StartAsync(cancellationToken).ConfigureAwait(false);
            LogSourceStarted(_logger, source.Name, keys, _interval, _keepAlive);
        }

        _loop = RunAsync(_stopping.Token);
    }

    /// <summary>Stops the loop and unsubscribes the sources (the last-value writer then flushes what is pending).</summary>
    /// <param name="cancellationToken">The host's stop token.</param>
    /// <returns>Completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var source in _sources)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the loop if still running; idempotent.</summary>
    /// <returns>Completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PassAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!_health.IsConnected)
        {
            _wasConnected = false;
            return;
        }

        var pass = new LastValuePass(_timeProvider.GetTimestamp(), RefreshAll: !_wasConnected, _keepAlive);
        _wasConnected = true;
        Interlocked.Increment(ref _passes);
        for (var i = 0; i < _sources.Count; i++)
        {
            try
            {
                var offered = await _sources[i].PublishAsync(pass, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _offered, offered);
                _failing[i] = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!_failing[i])
                {
                    _failing[i] = true;
                    LogSourceFailed(_logger, _sources[i].Name, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 4040, EventName = "LastValueSourceStarted", Level = LogLevel.Information,
        Message = "Redis last values: source {Source} serves {Keys} key(s); pass every {Interval}, keep-alive {KeepAlive}.")]
    private static partial void LogSourceStarted(ILogger logger, string source, int keys, TimeSpan interval, TimeSpan keepAlive);

    [LoggerMessage(EventId = 4042, EventName = "LastValueSourceFailed", Level = LogLevel.Error,
        Message = "Redis last values: source {Source} failed a pass; retried every pass (logged once until it succeeds).")]
    private static partial void LogSourceFailed(ILogger logger, string source, Exception exception);
}
