using BenchmarkDotNet.Attributes;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Benchmarks.Aggregation;

/// <summary>
/// The aggregator's NBBO update path per book delta, as <c>AggregatorGrain.OnDeltaAsync</c> runs it: apply the level
/// change to the venue's mirror book, read its top of book into a <see cref="VenueQuote"/>, update the
/// <see cref="NbboCalculator"/>, then compute the NBBO (raw, and raw + fee-adjusted as published) and compare it with
/// the last one. Three venues, 200 levels per side each, changes cycling near the top so the best moves.
/// One op = one level change. <c>UpdateOnly</c> must allocate nothing; <c>Compute*</c> allocate the published snapshot.
/// </summary>
[MemoryDiagnoser]
public class NbboUpdateBench
{
    private const int Changes = 1024;
    private static readonly string[] Venues = ["binance", "kraken", "okx"];
    private readonly OrderBook[] _books = [new(), new(), new()];
    private (int Venue, BookSide Side, FixedDecimal Price, FixedDecimal Size)[] _changes = [];
    private NbboCalculator _calculator = null!;
    private Nbbo? _last;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _calculator = new NbboCalculator("BTC-USDT", VenueQuoteConfig.Default);
        _calculator.Configure("kraken", new VenueQuoteConfig(TimeSpan.FromSeconds(5), 26m));
        for (var v = 0; v < _books.Length; v++)
        {
            for (var i = 1; i <= 200; i++)
            {
                _books[v].Set(BookSide.Bid, new FixedDecimal(10_000_00 - (i * 5) - v, 2), new FixedDecimal(100 + i, 3));
                _books[v].Set(BookSide.Ask, new FixedDecimal(10_000_00 + (i * 5) + v, 2), new FixedDecimal(100 + i, 3));
            }
        }

        var random = new Random(42);
        _changes = new (int, BookSide, FixedDecimal, FixedDecimal)[Changes];
        for (var i = 0; i < Changes; i++)
        {
            var side = (i & 1) == 0 ? BookSide.Bid : BookSide.Ask;
            var offset = random.Next(0, 20);
            var price = side == BookSide.Bid ? 10_000_00 - offset : 10_000_00 + 1 + offset;
            var size = random.Next(0, 4) == 0 ? 0 : random.Next(1, 5000);
            _changes[i] = (i % 3, side, new FixedDecimal(price, 2), new FixedDecimal(size, 3));
        }

        _now = 1_700_000_000_000_000;
        UpdateOnly();
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public int UpdateOnly()
    {
        var eligible = 0;
        foreach (var change in _changes)
        {
            Apply(change);
            eligible += _calculator.VenueCount;
        }

        return eligible;
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public int UpdateAndComputeRaw()
    {
        var changed = 0;
        foreach (var change in _changes)
        {
            Apply(change);
            var nbbo = _calculator.Compute(new Timestamp(_now));
            if (_last is null || nbbo.BidPrice != _last.BidPrice || nbbo.AskPrice != _last.AskPrice || nbbo.BidSize != _last.BidSize || nbbo.AskSize != _last.AskSize)
            {
                changed++;
                _last = nbbo;
            }
        }

        return changed;
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public int UpdateAndComputeRawAndFeeAdjusted()
    {
        var count = 0;
        foreach (var change in _changes)
        {
            Apply(change);
            var raw = _calculator.Compute(new Timestamp(_now));
            var fee = _calculator.Compute(new Timestamp(_now), NbboPriceMode.FeeAdjusted);
            count += raw.EligibleVenueCount + fee.EligibleVenueCount;
        }

        return count;
    }

    private void Apply((int Venue, BookSide Side, FixedDecimal Price, FixedDecimal Size) change)
    {
        var book = _books[change.Venue];
        book.Set(change.Side, change.Price, change.Size);
        _now += 100;
        var hasBid = book.TryGetBestBid(out var bid);
        var hasAsk = book.TryGetBestAsk(out var ask);
        var time = new Timestamp(_now);
        _calculator.Update(new VenueQuote(
            Venues[change.Venue],
            hasBid ? bid.Price : FixedDecimal.Zero,
            hasBid ? bid.Size : FixedDecimal.Zero,
            hasAsk ? ask.Price : FixedDecimal.Zero,
            hasAsk ? ask.Size : FixedDecimal.Zero,
            BookVerified: true,
            Halted: false,
            time,
            time));
    }
}
