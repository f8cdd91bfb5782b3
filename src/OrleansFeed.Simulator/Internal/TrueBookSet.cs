using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// The true books of every symbol with a recorded REST snapshot, and the parser sink that feeds them recorded
/// diffs during playback. Used by the playback loop only (one thread); books themselves are thread-safe.
/// </summary>
internal sealed class TrueBookSet : IMarketEventSink
{
    private readonly Dictionary<string, TrueBook> _books = new(StringComparer.Ordinal);
    private readonly BinanceFrameParser _parser = new(new SymbolTable([], acceptUnknown: true));

    // Later recorded snapshots of symbols that already have a book (the same symbol recorded in another session),
    // in time order; each restarts its book when playback reaches it.
    private readonly List<(Timestamp Time, string Symbol, BookEvent Snapshot)> _later = [];
    private int _nextLater;

    /// <summary>Loads the first parseable snapshot per symbol from the capture's REST records.</summary>
    /// <param name="records">The capture.</param>
    /// <param name="unusable">Count of REST depth records that were not usable snapshots.</param>
    public TrueBookSet(IEnumerable<CaptureRecord> records, out int unusable)
    {
        unusable = 0;
        foreach (var record in records)
        {
            if (record.Kind != CaptureRecordKind.Rest || CaptureIndex.DepthSymbolOf(record.Source) is not { } symbol)
            {
                continue;
            }

            if (_books.ContainsKey(symbol))
            {
                if (BinanceSnapshotParser.TryParse(record.Payload.Span, symbol, record.Time, null, out var later, out _))
                {
                    _later.Add((record.Time, symbol, later));
                }

                continue;
            }

            if (!BinanceMarketInfo.TryFromUrl(record.Source, out var market)
                || !BinanceSnapshotParser.TryParse(record.Payload.Span, symbol, record.Time, null, out var snapshot, out _))
            {
                unusable++;
                continue;
            }

            _books[symbol] = new TrueBook(symbol, market, record.Time, record.Payload, snapshot);
            snapshot.ReturnLevels();
        }

        ByTime = _books.Values.OrderBy(b => b.RecordedAt).ToArray();
        _later.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    /// <summary>Books ordered by recorded snapshot time (playback releases their gates in this order).</summary>
    public IReadOnlyList<TrueBook> ByTime { get; }

    /// <summary>Recorded diffs that did not bridge or chain (0 for a verified capture).</summary>
    public long Gaps { get; private set; }

    public bool TryGet(string symbol, out TrueBook book) => _books.TryGetValue(symbol, out book!);

    /// <summary>Parses one recorded diff frame and applies it to its symbol's true book.</summary>
    public void ApplyDiff(PlaybackFrame frame)
    {
        while (_nextLater < _later.Count && _later[_nextLater].Time <= frame.Time)
        {
            var (_, symbol, snapshot) = _later[_nextLater++];
            _books[symbol].Rebase(snapshot);
        }

        _parser.Parse(frame.Combined.Span, frame.Time, this);
    }

    void IMarketEventSink.OnBookEvent(in BookEvent bookEvent)
    {
        if (bookEvent.Kind == BookEventKind.Diff && _books.TryGetValue(bookEvent.Symbol, out var book) && !book.Apply(bookEvent))
        {
            Gaps++;
        }

        bookEvent.ReturnLevels();
    }

    void IMarketEventSink.OnTrade(string symbol, in Trade trade)
    {
    }

    void IMarketEventSink.OnBestBidOffer(string symbol, in BestBidOffer bbo)
    {
    }

    void IMarketEventSink.OnRejected(FrameRejectReason reason, string? symbol)
    {
    }

    void IMarketEventSink.OnServerShutdownNotice()
    {
    }
}
