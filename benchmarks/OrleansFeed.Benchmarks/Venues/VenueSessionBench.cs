using OrleansFeed.Core.Books;
using BenchmarkDotNet.Attributes;
using OrleansFeed.Benchmarks.Inputs;
using OrleansFeed.Benchmarks.Mocks;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Benchmarks.Venues;

/// <summary>
/// Parse + sync (+ checksum verification where the venue sends one) of one recorded WebSocket connection of each
/// in-stream-snapshot venue, frames in recorded order, through the live parser and sync classes. One invocation
/// replays the whole connection; per-frame figures = mean / <see cref="Frames"/> (printed in setup and written into
/// docs/benchmarks.md). The parser and the per-symbol syncs are reused across invocations: each session starts
/// with the venue's snapshots, which reset the books, so every invocation does the same work.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class VenueSessionBench
{
    private (byte[] Bytes, Timestamp Time)[] _frames = [];
    private IFrameParser _parser = null!;
    private VenueSyncSink _sink = null!;

    /// <summary>Venue folder and file prefix in shared/data.</summary>
    [Params("kraken/2021-04-05_book", "okx/2022-02-27", "coinbase/2021-04-17", "bitfinex/2021-04-05", "bybit/2021-04-17")]
    public string Recording { get; set; } = "kraken/2021-04-05_book"; // the Debug smoke run sets no [Params]

    /// <summary>Frames replayed per invocation (after setup).</summary>
    public int Frames => _frames.Length;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Recording[..Recording.IndexOf('/', StringComparison.Ordinal)];
        var prefix = Recording[(folder.Length + 1)..];
        var file = Directory.GetFiles(SharedDataPath.Of(folder)).Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));
        var records = CaptureFile.Read(file).ToList();
        var url = records.First(r => r.Kind == CaptureRecordKind.Open).Source;
        if (!AllVenues.Registry().TryMatchUrl(url, out var protocol))
        {
            throw new InvalidOperationException($"No adapter for {url}.");
        }

        _frames = [.. records.Where(r => r.Kind == CaptureRecordKind.Received && r.Source == url).Select(r => (r.Payload.ToArray(), r.Time))];
        _parser = protocol.CreateParser(protocol.CreateSymbolTable([], acceptUnknown: true), ParseLimits.Default);
        _sink = new VenueSyncSink(protocol);
        Replay();
        var synced = _sink.Books.Values.Count(b => b.State == BookSyncState.Synced);
        Console.WriteLine($"// {Recording}: {Frames} frames, {_sink.Books.Count} books ({synced} synced), "
            + $"{_sink.Books.Values.Sum(b => b.Counters.ChecksumsVerified)} checksums verified, {_sink.Rejected} rejected");
    }

    [Benchmark]
    public long Replay()
    {
        foreach (var (bytes, time) in _frames)
        {
            _parser.Parse(bytes, time, _sink);
        }

        return _sink.Trades;
    }
}
