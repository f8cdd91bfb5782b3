using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansFeed.Exchanges.Binance;

namespace OrleansFeed.Benchmarks.Books;

/// <summary>
/// Issue 14's whole-file workload, single thread: every <c>depthUpdate</c> frame of one Binance capture handed as UTF-8
/// bytes to one <see cref="BinanceFrameParser"/>, each symbol's book synced by its own <see cref="BinanceBookSync"/>
/// (reset at the start of every invocation, as after a reconnect, so every invocation does the same work), REST
/// snapshots parsed and applied at their recorded positions. One op = one diff frame, so the figure is the cost per
/// diff including the snapshots' share; <c>ParseOnly</c> is the parsing share alone (frames and snapshots parsed, levels
/// returned, no sync, no book). <see cref="TokenizeOnly"/> is the floor it is measured against: the same frames
/// merely tokenized by <see cref="Utf8JsonReader"/>, nothing built. <see cref="Scanner"/> false parses every frame on the
/// validating <see cref="Utf8JsonReader"/> path (the parser before the purpose-built scanner), for a before/after in one run.
/// </summary>
/// <remarks>The machine is shared and loaded: read the Min and Median columns, and compare rows of one run only.</remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class BinanceWholeFileBench
{
    private const int FuturesDiffs = 4423;
    private const int SpotDiffs = 4709;

    private readonly WholeFileWorkload _futures = new("binance_futures", "2021-04-05_*.combined.txt.gz", BinanceMarket.UsdFutures, FuturesDiffs);
    private readonly WholeFileWorkload _spot = new("binance_spot", "2021-04-05_10-symbols.combined.txt.gz", BinanceMarket.Spot, SpotDiffs);

    /// <summary>Whether the parser reads depth frames with its purpose-built scanner (false: validating path only).</summary>
    [Params(true, false)]
    public bool Scanner { get; set; } = true;

    [GlobalSetup]
    public void Setup()
    {
        _futures.Load(Scanner);
        _spot.Load(Scanner);
    }

    [Benchmark(OperationsPerInvoke = FuturesDiffs)]
    public long FuturesParseSyncBook() => _futures.Apply();

    [Benchmark(OperationsPerInvoke = FuturesDiffs)]
    public long FuturesParseOnly() => _futures.ParseOnly();

    [Benchmark(OperationsPerInvoke = FuturesDiffs)]
    public long FuturesTokenizeOnly() => _futures.TokenizeOnly();

    [Benchmark(OperationsPerInvoke = SpotDiffs)]
    public long SpotParseSyncBook() => _spot.Apply();

    [Benchmark(OperationsPerInvoke = SpotDiffs)]
    public long SpotParseOnly() => _spot.ParseOnly();

    [Benchmark(OperationsPerInvoke = SpotDiffs)]
    public long SpotTokenizeOnly() => _spot.TokenizeOnly();
}
