using System.Text.Json;
using OrleansFeed.Benchmarks.Inputs;
using OrleansFeed.Benchmarks.Mocks;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Benchmarks.Books;

/// <summary>One Binance capture's depth frames and snapshots in arrival order, with one parser and a sync per symbol.</summary>
internal sealed class WholeFileWorkload(string folder, string pattern, BinanceMarket market, int expectedDiffs)
{
    private (byte[] Bytes, Timestamp Time, string? SnapshotSymbol)[] _items = [];
    private byte[][] _diffs = [];
    private string[] _symbols = [];
    private BinanceFrameParser _parser = null!;
    private RoutingSyncSink _sink = null!;
    private readonly DroppingSink _dropping = new();
    private bool _scanner;

    /// <summary>
    /// Reads the capture, builds the parser and syncs, and checks one pass syncs every book gap-free.
    /// <paramref name="scanner"/> false parses frames and snapshots on the validating path only.
    /// </summary>
    public void Load(bool scanner)
    {
        var depth = RecordedDepth.Load(SharedDataPath.File(folder, pattern));
        _items = [.. depth.Items.Select(i => (i.Bytes, i.Time, i.IsSnapshot ? SymbolOf(i.Source) : null))];
        _diffs = [.. depth.Items.Where(i => !i.IsSnapshot).Select(i => i.Bytes)];
        if (_diffs.Length != expectedDiffs)
        {
            throw new InvalidOperationException($"Expected {expectedDiffs} depthUpdate frames in {folder}/{pattern}, found {_diffs.Length}.");
        }

        _symbols = [.. _items.Where(i => i.SnapshotSymbol is not null).Select(i => i.SnapshotSymbol!).Distinct()];
        _scanner = scanner;
        _parser = new BinanceFrameParser(new SymbolTable(_symbols)) { UseScanner = scanner };
        _sink = new RoutingSyncSink(_symbols.ToDictionary(s => s, _ => new BinanceBookSync(market), StringComparer.Ordinal));
        Apply();
        foreach (var (symbol, sync) in _sink.Syncs)
        {
            if (sync.State != BookSyncState.Synced || sync.Counters.Gaps != 0)
            {
                throw new InvalidOperationException($"{symbol} did not sync gap-free: {sync.State}, gaps {sync.Counters.Gaps}.");
            }
        }
    }

    /// <summary>Resets every book, then parses, syncs and books every frame and snapshot in recorded order.</summary>
    public long Apply()
    {
        foreach (var symbol in _symbols)
        {
            _sink.Syncs[symbol].OnEvent(BookEvent.Reset(symbol, default), null);
        }

        foreach (var (bytes, time, snapshotSymbol) in _items)
        {
            if (snapshotSymbol is null)
            {
                _parser.Parse(bytes, time, _sink);
            }
            else if (ParseSnapshot(bytes, snapshotSymbol, time, out var snapshot))
            {
                _sink.Syncs[snapshotSymbol].OnEvent(snapshot, null);
            }
        }

        return _sink.Syncs[_symbols[0]].LastUpdateId;
    }

    /// <summary>Parses every frame and snapshot in recorded order and drops the events (levels returned): no sync, no book.</summary>
    public long ParseOnly()
    {
        var levels = 0L;
        foreach (var (bytes, time, snapshotSymbol) in _items)
        {
            if (snapshotSymbol is null)
            {
                _parser.Parse(bytes, time, _dropping);
            }
            else if (ParseSnapshot(bytes, snapshotSymbol, time, out var snapshot))
            {
                levels += snapshot.LevelCount;
                snapshot.ReturnLevels();
            }
        }

        return levels + _dropping.Levels;
    }

    /// <summary>Tokenizes every diff frame with <see cref="Utf8JsonReader"/> and nothing else.</summary>
    public long TokenizeOnly()
    {
        long tokens = 0;
        foreach (var bytes in _diffs)
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    private bool ParseSnapshot(byte[] bytes, string symbol, Timestamp time, out BookEvent snapshot) =>
        _scanner
            ? BinanceSnapshotParser.TryParse(bytes, symbol, time, null, out snapshot, out _)
            : BinanceSnapshotParser.TryParseValidating(bytes, symbol, time, null, out snapshot, out _);

    private static string SymbolOf(string source)
    {
        var start = source.IndexOf("symbol=", StringComparison.Ordinal) + "symbol=".Length;
        var end = source.IndexOf('&', start);
        return end < 0 ? source[start..] : source[start..end];
    }
}
