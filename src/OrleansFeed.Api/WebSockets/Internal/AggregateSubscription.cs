using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// One client's view of an aggregated instrument channel (<c>nbbo</c>, <c>stats</c>, <c>candles</c>): subscribes to the
/// aggregator's stream first (buffering), then sends a snapshot from the grain and the updates after it. Every update
/// is a full value (not a delta), so an update dropped on a full outbound queue is healed by the next one.
/// </summary>
/// <remarks>Stream handler and snapshot completion run on different threads; one lock orders them.</remarks>
internal sealed class AggregateSubscription : SessionSubscription
{
    private const int MaxBuffered = 1024;
    private const int SnapshotCandles = 100;

    private readonly object _gate = new();
    private readonly WebSocketSession _session;
    private readonly IAggregatorGrain _grain;
    private readonly CandleInterval _interval;
    private readonly string? _venue;
    private readonly List<object> _buffer = [];
    private IAsyncDisposable? _stream;
    private bool _live;
    private long _nbboSequence;

    public AggregateSubscription(WebSocketSession session, string channel, string key, IAggregatorGrain grain, CandleInterval interval, string? venue)
        : base(channel, null, key)
    {
        _session = session;
        _grain = grain;
        _interval = interval;
        _venue = venue;
    }

    public void Start(IStreamProvider streams, int capacity)
    {
        var options = new StreamSubscriptionOptions { Capacity = capacity, OverflowPolicy = StreamOverflowPolicy.DropOldest };
        _stream = Channel switch
        {
            "nbbo" => streams.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, StreamKey)).Subscribe(OnUpdateAsync, options),
            "stats" => streams.GetStream<AggregatedStats>(new FanOutStreamId(StreamNamespaces.Stats, StreamKey)).Subscribe(OnUpdateAsync, options),
            _ => streams.GetStream<CandleUpdate>(new FanOutStreamId(StreamNamespaces.Candles, StreamKey)).Subscribe(OnUpdateAsync, options),
        };
        _ = SendSnapshotAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _ = base.DisposeAsync();
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    private async Task SendSnapshotAsync()
    {
        object snapshot;
        try
        {
            snapshot = Channel switch
            {
                "nbbo" => await _grain.GetNbboAsync().ConfigureAwait(false),
                "stats" => await _grain.GetStatsAsync().ConfigureAwait(false),
                _ => await CandlesAsync().ConfigureAwait(false),
            };
        }
        catch (Exception ex)
        {
            _session.OnAggregateSnapshotFailed(this, ex);
            return;
        }

        lock (_gate)
        {
            if (Disposed)
            {
                return;
            }

            if (snapshot is AggregatedNbbo nbbo)
            {
                _nbboSequence = nbbo.Sequence;
            }

            _session.TryEnqueue(OutboundMessage.Aggregate(this, ToDto(snapshot), snapshot: true));
            foreach (var update in _buffer)
            {
                ForwardLocked(update);
            }

            _buffer.Clear();
            _live = true;
        }
    }

    // The newest candles kept, independent of the aggregation clock (replayed trades are in the past).
    private async Task<CandleSeries> CandlesAsync()
    {
        var series = await _grain.GetCandlesAsync(_interval, new Timestamp(long.MinValue), new Timestamp(long.MaxValue), _venue).ConfigureAwait(false);
        return series.Candles.Count <= SnapshotCandles ? series : series with { Candles = [.. series.Candles.Skip(series.Candles.Count - SnapshotCandles)] };
    }

    private ValueTask OnUpdateAsync<T>(T update)
        where T : class
    {
        lock (_gate)
        {
            if (Disposed)
            {
                return ValueTask.CompletedTask;
            }

            if (!_live)
            {
                if (_buffer.Count < MaxBuffered)
                {
                    _buffer.Add(update);
                }
            }
            else
            {
                ForwardLocked(update);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void ForwardLocked(object update)
    {
        switch (update)
        {
            case AggregatedNbbo nbbo when nbbo.Sequence <= _nbboSequence:
                return; // Already in the snapshot the client holds.
            case AggregatedNbbo nbbo:
                _nbboSequence = nbbo.Sequence;
                break;
            case CandleUpdate candle when candle.Candle.Interval != _interval || !string.Equals(candle.Venue, _venue, StringComparison.Ordinal):
                return;
        }

        _session.TryEnqueue(OutboundMessage.Aggregate(this, ToDto(update), snapshot: false));
    }

    private static object ToDto(object value) => value switch
    {
        AggregatedNbbo n => AggregationMapper.ToDto(n),
        AggregatedStats s => AggregationMapper.ToDto(s),
        CandleSeries c => AggregationMapper.ToDto(c),
        CandleUpdate u => AggregationMapper.ToDto(u.Instrument, u.Venue, u.Candle),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "Not an aggregation value."),
    };
}
