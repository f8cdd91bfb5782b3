using BenchmarkDotNet.Attributes;
using OrleansFeed.Benchmarks.Inputs;
using OrleansFeed.Benchmarks.Mocks;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Benchmarks.Parsing;

/// <summary>BinanceFrameParser on every recorded USD-M depthUpdate frame (binance_futures 2021-04-05); one op = one frame.</summary>
[MemoryDiagnoser]
public class BinanceDepthParseBench
{
    private const int FrameCount = 4423;
    private readonly NullMarketEventSink _sink = new();
    private byte[][] _frames = [];
    private Timestamp[] _times = [];
    private BinanceFrameParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var depth = RecordedDepth.Load(SharedDataPath.File("binance_futures", "2021-04-05_*.combined.txt.gz"));
        var frames = depth.Items.Where(i => !i.IsSnapshot).ToList();
        if (frames.Count != FrameCount)
        {
            throw new InvalidOperationException($"Expected {FrameCount} depthUpdate frames (shared/data README), found {frames.Count}.");
        }

        _frames = frames.Select(f => f.Bytes).ToArray();
        _times = frames.Select(f => f.Time).ToArray();
        _parser = new BinanceFrameParser(new SymbolTable(["BATUSDT", "CHRUSDT", "CTKUSDT", "NEOUSDT", "SANDUSDT"]));
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public long ParseDepthFrame()
    {
        for (var i = 0; i < _frames.Length; i++)
        {
            _parser.Parse(_frames[i], _times[i], _sink);
        }

        if (_sink.Rejected != 0)
        {
            throw new InvalidOperationException("A recorded frame was rejected.");
        }

        return _sink.Events;
    }
}
