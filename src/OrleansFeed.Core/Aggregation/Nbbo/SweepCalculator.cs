using OrleansFeed.Core.Books;

namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>
/// Size-aware consolidated price: the volume-weighted average price to fill a size across venues, taking
/// the best level on any venue first (optionally ranked by fee-adjusted price).
/// </summary>
/// <remarks>
/// <para>Use: <see cref="Clear"/>, then <see cref="AddVenue"/> for each eligible venue (ask the
/// <see cref="NbboCalculator"/> with <see cref="NbboCalculator.GetEligibility"/>) with its top-N levels, then
/// <see cref="Sweep"/> as many times as needed. Levels with zero or negative size are skipped.</para>
/// <para>Ties between levels of equal ranking price fill in the order the venues were added.
/// Not thread-safe; reuses its buffers, so steady-state use allocates only the result.</para>
/// </remarks>
public sealed class SweepCalculator
{
    private readonly List<string> _venues = [];
    private readonly List<decimal> _fees = [];
    private readonly List<Level> _bids = [];
    private readonly List<Level> _asks = [];
    private readonly List<Level> _scratch = [];
    private decimal[] _venueSize = new decimal[4];
    private decimal[] _venueNotional = new decimal[4];

    /// <summary>Removes all venues and levels.</summary>
    public void Clear()
    {
        _venues.Clear();
        _fees.Clear();
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>Adds one venue's top levels.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="bids">Bid levels (any order), prices in quote currency, sizes in base units.</param>
    /// <param name="asks">Ask levels (any order).</param>
    /// <param name="takerFeeBps">The venue's taker fee in basis points (0..10000); used in fee-adjusted sweeps and all-in totals.</param>
    public void AddVenue(string venue, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, decimal takerFeeBps = 0m)
    {
        var index = _venues.Count;
        _venues.Add(venue);
        _fees.Add(takerFeeBps / 10_000m);
        AddLevels(_bids, bids, index);
        AddLevels(_asks, asks, index);
    }

    /// <summary>Fills <paramref name="size"/> against the added levels.</summary>
    /// <param name="side">Buy walks asks ascending, sell walks bids descending.</param>
    /// <param name="size">Size to fill, base units; zero or negative gives an empty result.</param>
    /// <param name="mode">Rank levels by displayed price, or by fee-adjusted price (buy: price × (1 + fee), sell: price × (1 − fee)).</param>
    /// <returns>The fill summary; <see cref="SweepResult.FilledSize"/> is below the request when the levels run out.</returns>
    public SweepResult Sweep(SweepSide side, decimal size, NbboPriceMode mode = NbboPriceMode.Raw)
    {
        var isAsk = side == SweepSide.Buy;
        _scratch.Clear();
        _scratch.AddRange(isAsk ? _asks : _bids);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var level = _scratch[i];
            var adjusted = TakerFee.Adjust(level.Price, _fees[level.Venue], isAsk);
            _scratch[i] = level with { AllIn = adjusted, Rank = mode == NbboPriceMode.FeeAdjusted ? adjusted : level.Price };
        }

        _scratch.Sort(isAsk ? CompareAscending : CompareDescending);
        EnsureVenueBuffers();

        decimal remaining = size > 0m ? size : 0m;
        decimal notional = 0m;
        decimal allIn = 0m;
        foreach (var level in _scratch)
        {
            if (remaining == 0m)
            {
                break;
            }

            var take = Math.Min(remaining, level.Size);
            remaining -= take;
            notional += level.Price * take;
            allIn += level.AllIn * take;
            _venueSize[level.Venue] += take;
            _venueNotional[level.Venue] += level.Price * take;
        }

        var filled = (size > 0m ? size : 0m) - remaining;
        var fills = new List<VenueFill>();
        for (var v = 0; v < _venues.Count; v++)
        {
            if (_venueSize[v] > 0m)
            {
                fills.Add(new VenueFill(_venues[v], _venueSize[v], _venueNotional[v], _venueNotional[v] / _venueSize[v]));
            }
        }

        return new SweepResult(
            side,
            mode,
            size,
            filled,
            notional,
            filled > 0m ? notional / filled : null,
            allIn,
            filled > 0m ? allIn / filled : null,
            fills);
    }

    private static void AddLevels(List<Level> target, ReadOnlySpan<BookLevel> levels, int venue)
    {
        foreach (var level in levels)
        {
            if (level.Size.Mantissa > 0)
            {
                target.Add(new Level(level.Price.ToDecimal(), level.Size.ToDecimal(), venue, 0m, 0m));
            }
        }
    }

    // Ties keep venue insertion order (Sort is unstable, so the venue index is the tie-breaker).
    private static int CompareAscending(Level x, Level y)
    {
        var c = x.Rank.CompareTo(y.Rank);
        return c != 0 ? c : x.Venue.CompareTo(y.Venue);
    }

    private static int CompareDescending(Level x, Level y)
    {
        var c = y.Rank.CompareTo(x.Rank);
        return c != 0 ? c : x.Venue.CompareTo(y.Venue);
    }

    private void EnsureVenueBuffers()
    {
        if (_venueSize.Length < _venues.Count)
        {
            _venueSize = new decimal[_venues.Count * 2];
            _venueNotional = new decimal[_venues.Count * 2];
        }

        Array.Clear(_venueSize);
        Array.Clear(_venueNotional);
    }

    private readonly record struct Level(decimal Price, decimal Size, int Venue, decimal AllIn, decimal Rank);
}
