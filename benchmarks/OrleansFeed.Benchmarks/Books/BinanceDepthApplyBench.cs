using OrleansFeed.Core.Books;
using BenchmarkDotNet.Attributes;
using OrleansFeed.Benchmarks.Inputs;
using OrleansFeed.Benchmarks.Mocks;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Benchmarks.Books;

/// <summary>
/// Parse + BinanceBookSync for one symbol's whole recorded session (binance_futures 2021-04-05, BATUSDT): a reset,
/// the diffs before the snapshot (buffered), the 1000-level REST snapshot (parsed and loaded), then the live diffs.
/// One op = one depth message (frames + the snapshot). The same sync object is reused, as after a reconnect.
/// </summary>
[MemoryDiagnoser]
public class BinanceDepthApplyBench
{
    private const string Symbol = "BATUSDT";
    private (byte[] Bytes, Timestamp Time, bool IsSnapshot, string Source)[] _items = [];
    private BinanceFrameParser _parser = null!;
    private BinanceBookSync _sync = null!;
    private BookSyncSink _sink = null!;

    /// <summary>Messages per invocation (set in setup; BenchmarkDotNet needs a constant, so it is checked).</summary>
    private const int Messages = 888;

    [GlobalSetup]
    public void Setup()
    {
        var depth = RecordedDepth.Load(SharedDataPath.File("binance_futures", "2021-04-05_*.combined.txt.gz"));
        _items = depth.ForSymbol(Symbol).ToArray();
        if (_items.Length != Messages || _items.Count(i => i.IsSnapshot) != 1)
        {
            throw new InvalidOperationException($"Expected {Messages} {Symbol} depth messages with one snapshot, found {_items.Length}.");
        }

        _parser = new BinanceFrameParser(new SymbolTable([Symbol]));
        _sync = new BinanceBookSync(BinanceMarket.UsdFutures);
        _sink = new BookSyncSink(_sync);
        ApplySession();
        if (_sync.State != BookSyncState.Synced || _sync.Counters.Gaps != 0)
        {
            throw new InvalidOperationException($"{Symbol} did not sync gap-free: {_sync.State}, gaps {_sync.Counters.Gaps}.");
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long ApplySession()
    {
        _sync.OnEvent(BookEvent.Reset(Symbol, default), null);
        foreach (var (bytes, time, isSnapshot, _) in _items)
        {
            if (!isSnapshot)
            {
                _parser.Parse(bytes, time, _sink);
            }
            else if (BinanceSnapshotParser.TryParse(bytes, Symbol, time, null, out var snapshot, out _))
            {
                _sync.OnEvent(snapshot, null);
            }
        }

        return _sync.LastUpdateId;
    }
}
