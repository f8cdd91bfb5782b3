using BenchmarkDotNet.Attributes;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Benchmarks.Books;

/// <summary>OrderBook operations on a book with 1000 levels per side; one op = one call.</summary>
[MemoryDiagnoser]
public class OrderBookBench
{
    private const int Levels = 1000;
    private readonly OrderBook _book = new();
    private readonly BookLevel[] _top = new BookLevel[20];
    private FixedDecimal[] _prices = [];
    private FixedDecimal[] _sizes = [];

    [GlobalSetup]
    public void Setup()
    {
        // Prices 1.0000..1.0999 in a shuffled order (fixed seed) so the tree sees non-sequential keys.
        var random = new Random(42);
        _prices = Enumerable.Range(0, Levels).Select(i => new FixedDecimal(10_000 + i, 4)).OrderBy(_ => random.Next()).ToArray();
        _sizes = Enumerable.Range(0, Levels).Select(i => new FixedDecimal(1 + random.Next(100_000), 3)).ToArray();
        foreach (var price in _prices)
        {
            _book.Set(BookSide.Bid, price, _sizes[0]);
        }
    }

    [Benchmark(OperationsPerInvoke = Levels)]
    public int UpdateExistingLevel()
    {
        var n = 0;
        for (var i = 0; i < _prices.Length; i++)
        {
            n += (int)_book.Set(BookSide.Bid, _prices[i], _sizes[i]);
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Levels * 2)]
    public int RemoveThenReinsertLevel()
    {
        var n = 0;
        for (var i = 0; i < _prices.Length; i++)
        {
            n += (int)_book.Set(BookSide.Bid, _prices[i], FixedDecimal.Zero);
            n += (int)_book.Set(BookSide.Bid, _prices[i], _sizes[i]);
        }

        return n;
    }

    [Benchmark]
    public FixedDecimal BestBid() => _book.TryGetBestBid(out var level) ? level.Price : default;

    [Benchmark]
    public int CopyTop20() => _book.CopyTop(BookSide.Bid, _top);
}
