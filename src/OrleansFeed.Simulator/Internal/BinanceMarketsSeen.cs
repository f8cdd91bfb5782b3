using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator.Internal;

/// <summary>
/// The Binance markets a capture was recorded from, read from its connection and REST URLs: each market's REST
/// snapshot symbols and whether its streams used the 2026 USD-M <c>/public</c> route. Binance markets share the
/// simulator's routes, so only the recorded URLs tell which venue section (<c>binance</c>, <c>binance-futures</c>, …)
/// serves which symbols.
/// </summary>
internal sealed class BinanceMarketsSeen
{
    private readonly Dictionary<BinanceMarket, (HashSet<string> Symbols, bool SplitRoutes)> _markets = [];

    public BinanceMarketsSeen(IEnumerable<CaptureRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Kind is not (CaptureRecordKind.Open or CaptureRecordKind.Rest) || !BinanceMarketInfo.TryFromUrl(record.Source, out var market))
            {
                continue;
            }

            if (!_markets.TryGetValue(market, out var seen))
            {
                _markets[market] = seen = (new HashSet<string>(StringComparer.Ordinal), false);
            }

            if (record.Kind == CaptureRecordKind.Open && record.Source.Contains("/public", StringComparison.Ordinal))
            {
                _markets[market] = seen with { SplitRoutes = true };
            }

            if (record.Kind == CaptureRecordKind.Rest && CaptureIndex.DepthSymbolOf(record.Source) is { } symbol)
            {
                seen.Symbols.Add(symbol);
            }
        }
    }

    /// <summary>
    /// Each market with at least one served symbol: its own recorded snapshot symbols among <paramref name="served"/>
    /// (all of <paramref name="served"/> when only one market was recorded), sorted ordinally, and its split-routes flag.
    /// </summary>
    /// <param name="served">The symbols whose REST snapshots the simulator serves.</param>
    /// <returns>Markets in enum order.</returns>
    public IEnumerable<(BinanceMarket Market, IReadOnlyList<string> Symbols, bool SplitRoutes)> Markets(IReadOnlyCollection<string> served)
    {
        var recorded = served.ToHashSet(StringComparer.Ordinal);
        foreach (var (market, (symbols, split)) in _markets.OrderBy(m => m.Key))
        {
            var own = _markets.Count == 1 ? recorded.Order(StringComparer.Ordinal).ToList() : symbols.Where(recorded.Contains).Order(StringComparer.Ordinal).ToList();
            if (own.Count > 0)
            {
                yield return (market, own, split);
            }
        }
    }
}
