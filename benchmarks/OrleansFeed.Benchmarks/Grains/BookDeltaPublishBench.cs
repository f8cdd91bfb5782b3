using OrleansFeed.Core.Quotes;
using BenchmarkDotNet.Attributes;
using OrleansFeed.Benchmarks.Inputs;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Benchmarks.Grains;

/// <summary>
/// The OrderBookGrain's OnBookEvent → BookDelta step over a recorded session (binance_futures 2021-04-05, BATUSDT):
/// parse, sync with the grain's change listener, and build the delta the grain publishes (no stream: the fan-out
/// enqueues the same reference per consumer). <see cref="BuilderScratch"/> is the grain's code;
/// <see cref="ListToArray"/> is the previous List + ToArray listener, kept for the before/after figure.
/// One op = one depth message; the sink keeps the last delta so nothing is optimised away.
/// </summary>
[MemoryDiagnoser]
public class BookDeltaPublishBench
{
    private const string Symbol = "BATUSDT";
    private const int Messages = 888;
    private static readonly BookKey Book = new("binance-futures", Symbol);
    private (byte[] Bytes, Timestamp Time, bool IsSnapshot, string Source)[] _items = [];
    private BinanceFrameParser _parser = null!;
    private BinanceBookSync _sync = null!;
    private GrainStep _builderStep = null!;
    private GrainStep _listStep = null!;

    [GlobalSetup]
    public void Setup()
    {
        _items = RecordedDepth.Load(SharedDataPath.File("binance_futures", "2021-04-05_*.combined.txt.gz")).ForSymbol(Symbol).ToArray();
        if (_items.Length != Messages)
        {
            throw new InvalidOperationException($"Expected {Messages} {Symbol} depth messages, found {_items.Length}.");
        }

        _parser = new BinanceFrameParser(new SymbolTable([Symbol]));
        _sync = new BinanceBookSync(BinanceMarket.UsdFutures);
        _builderStep = new GrainStep(_sync, useBuilder: true);
        _listStep = new GrainStep(_sync, useBuilder: false);
        if (BuilderScratch() == 0 || _builderStep.Published == 0)
        {
            throw new InvalidOperationException($"{Symbol} published no deltas.");
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long BuilderScratch() => Run(_builderStep);

    [Benchmark(OperationsPerInvoke = Messages, Baseline = true)]
    public long ListToArray() => Run(_listStep);

    private long Run(GrainStep step)
    {
        _sync.OnEvent(BookEvent.Reset(Symbol, default), null);
        foreach (var (bytes, time, isSnapshot, _) in _items)
        {
            if (!isSnapshot)
            {
                _parser.Parse(bytes, time, step);
            }
            else if (BinanceSnapshotParser.TryParse(bytes, Symbol, time, null, out var snapshot, out _))
            {
                step.OnBookEvent(snapshot);
            }
        }

        return step.Last?.Sequence ?? 0;
    }

    /// <summary>What OrderBookGrain.OnBookEventAsync does per event, minus the stream enqueue.</summary>
    private sealed class GrainStep(IBookSynchronizer sync, bool useBuilder) : IMarketEventSink, IBookChangeListener
    {
        private readonly BookDeltaBuilder _builder = new();
        private readonly List<LevelChange> _list = [];
        private bool _rebuilt;
        private long _sequence;

        public BookDelta? Last { get; private set; }

        public long Published { get; private set; }

        public void OnBookEvent(in BookEvent bookEvent)
        {
            if (useBuilder)
            {
                _builder.Begin();
                sync.OnEvent(bookEvent, _builder);
                if (_builder.Rebuilt || (_builder.Count > 0 && sync.State == BookSyncState.Synced))
                {
                    Publish(_builder.Build(Book, _builder.Rebuilt ? BookDeltaKind.Rebuilt : BookDeltaKind.Update, ++_sequence, sync.Epoch, BookSyncState.Synced, sync.LastUpdateId, bookEvent.ExchangeTime, bookEvent.ReceiveTime));
                }

                return;
            }

            _rebuilt = false;
            _list.Clear();
            sync.OnEvent(bookEvent, this);
            if (_rebuilt || (_list.Count > 0 && sync.State == BookSyncState.Synced))
            {
                var kind = _rebuilt ? BookDeltaKind.Rebuilt : BookDeltaKind.Update;
                var changes = kind == BookDeltaKind.Update ? _list.ToArray() : [];
                Publish(new BookDelta(Book.Venue, Book.Symbol, kind, ++_sequence, sync.Epoch, BookSyncState.Synced, sync.LastUpdateId, changes, bookEvent.ExchangeTime, bookEvent.ReceiveTime));
            }
        }

        public void OnBookRebuilt(long epoch)
        {
            _rebuilt = true;
            _list.Clear();
        }

        public void OnLevelChanged(BookSide side, FixedDecimal price, FixedDecimal size)
        {
            if (!_rebuilt)
            {
                _list.Add(new LevelChange(side, price, size));
            }
        }

        public void OnTrade(string symbol, in OrleansFeed.Core.Trades.Trade trade)
        {
        }

        public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
        {
        }

        public void OnRejected(FrameRejectReason reason, string? symbol) => throw new InvalidOperationException($"Recorded frame rejected: {reason}.");

        public void OnServerShutdownNotice()
        {
        }

        private void Publish(BookDelta delta)
        {
            Last = delta;
            Published++;
        }
    }
}
