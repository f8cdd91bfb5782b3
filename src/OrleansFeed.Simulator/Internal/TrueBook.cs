using System.Buffers;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// The venue's real book for one symbol as the simulator knows it: the recorded REST snapshot plus every recorded
/// diff with <c>u</c> above its <c>lastUpdateId</c> (Binance's sync rule, §1 step 4-6, §2 step 3-5), including diffs
/// the simulator deliberately did not broadcast.
/// </summary>
/// <remarks>Thread-safe: playback applies, REST handlers read, under one lock.</remarks>
internal sealed class TrueBook
{
    private readonly Lock _lock = new();
    private readonly OrderBook _book = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastUpdateId;
    private long _previousDiffLastId = -1;
    private Timestamp _exchangeTime;
    private long _gaps;

    public TrueBook(string symbol, BinanceMarket market, Timestamp recordedAt, ReadOnlyMemory<byte> recordedBody, in BookEvent snapshot)
    {
        Symbol = symbol;
        Market = market;
        RecordedAt = recordedAt;
        RecordedBody = recordedBody;
        SnapshotLastUpdateId = snapshot.LastUpdateId;
        _lastUpdateId = snapshot.LastUpdateId;
        _exchangeTime = snapshot.ExchangeTime;
        foreach (var level in snapshot.LevelSpan)
        {
            _book.Set(level.Side, level.Price, level.Size);
        }
    }

    public string Symbol { get; }

    public BinanceMarket Market { get; }

    /// <summary>Recorded receive time of the snapshot (UTC, µs).</summary>
    public Timestamp RecordedAt { get; }

    /// <summary>The recorded response body, verbatim.</summary>
    public ReadOnlyMemory<byte> RecordedBody { get; }

    public long SnapshotLastUpdateId { get; private set; }

    /// <summary>Completes once playback has passed <see cref="RecordedAt"/>.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Diffs that did not chain or bridge (should stay 0 for a verified capture).</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    public void MarkReached() => _reached.TrySetResult();

    /// <summary>
    /// Restarts the book from a later recorded snapshot of the same symbol (a second recorded session of it, played after
    /// the first): the diffs that follow belong to that session's update-id sequence, not the first one's.
    /// </summary>
    /// <param name="snapshot">The later snapshot (levels are read, not returned).</param>
    public void Rebase(in BookEvent snapshot)
    {
        lock (_lock)
        {
            _book.Clear();
            foreach (var level in snapshot.LevelSpan)
            {
                _book.Set(level.Side, level.Price, level.Size);
            }

            SnapshotLastUpdateId = snapshot.LastUpdateId;
            _lastUpdateId = snapshot.LastUpdateId;
            _previousDiffLastId = -1;
            _exchangeTime = snapshot.ExchangeTime;
        }
    }

    /// <summary>Applies a recorded diff when it is newer than the book; returns false when it was too old or a gap was found.</summary>
    public bool Apply(in BookEvent diff)
    {
        lock (_lock)
        {
            if (diff.LastUpdateId <= _lastUpdateId)
            {
                return true;
            }

            var ok = _previousDiffLastId < 0 ? Bridges(diff) : Chains(diff);
            if (!ok)
            {
                _gaps++;
            }

            foreach (var level in diff.LevelSpan)
            {
                _book.Set(level.Side, level.Price, level.Size);
            }

            _lastUpdateId = diff.LastUpdateId;
            _previousDiffLastId = diff.LastUpdateId;
            _exchangeTime = diff.ExchangeTime;
            return ok;
        }
    }

    /// <summary>Writes <c>{"lastUpdateId","E"?,"T"?,"bids","asks"}</c> with the top <paramref name="limit"/> levels.</summary>
    public void WriteSnapshot(IBufferWriter<byte> output, int limit)
    {
        using var json = new Utf8JsonWriter(output);
        Span<byte> text = stackalloc byte[Core.Numerics.FixedDecimal.MaxFormattedLength];
        lock (_lock)
        {
            json.WriteStartObject();
            json.WriteNumber("lastUpdateId"u8, _lastUpdateId);
            if (Market.IsFutures())
            {
                // The venue stamps message-output and transaction time; the last applied diff's event time is the
                // closest recorded equivalent.
                json.WriteNumber("E"u8, _exchangeTime.UnixMilliseconds);
                json.WriteNumber("T"u8, _exchangeTime.UnixMilliseconds);
            }

            WriteSide(json, "bids"u8, BookSide.Bid, limit, text);
            WriteSide(json, "asks"u8, BookSide.Ask, limit, text);
            json.WriteEndObject();
        }
    }

    private bool Bridges(in BookEvent diff) => Market.IsFutures()
        ? diff.FirstUpdateId <= SnapshotLastUpdateId || diff.PreviousUpdateId == SnapshotLastUpdateId
        : diff.FirstUpdateId <= SnapshotLastUpdateId + 1;

    private bool Chains(in BookEvent diff) => Market.IsFutures()
        ? diff.PreviousUpdateId == _previousDiffLastId
        : diff.FirstUpdateId == _previousDiffLastId + 1;

    private void WriteSide(Utf8JsonWriter json, ReadOnlySpan<byte> name, BookSide side, int limit, Span<byte> text)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var level in _book.ToArray(side, limit))
        {
            json.WriteStartArray();
            level.Price.TryFormat(text, out var written);
            json.WriteStringValue(text[..written]);
            level.Size.TryFormat(text, out written);
            json.WriteStringValue(text[..written]);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
