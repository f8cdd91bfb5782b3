using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Maps Coinbase product ids to canonical instruments. Both feeds spell products <c>BASE-QUOTE</c> (§5 "REST":
/// <c>BTC-USD</c>), which is already the canonical spot form: <c>BTC-USD</c> → <c>BTC-USD</c>, <c>SKL-GBP</c> → <c>SKL-GBP</c>.
/// </summary>
public static class CoinbaseSymbols
{
    /// <summary>Infers the instrument of a product id without reference data.</summary>
    /// <param name="venue">The venue id (<c>coinbase</c> or <c>coinbase-advanced</c>).</param>
    /// <param name="symbol">The product id, e.g. <c>BTC-USD</c>.</param>
    /// <returns>A spot instrument; tick and lot size zero, status unknown. A text without a dash keeps the whole text as base and an empty quote.</returns>
    public static Instrument Infer(string venue, string symbol)
    {
        var dash = symbol.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == symbol.Length - 1)
        {
            return new Instrument(venue, symbol, symbol.ToUpperInvariant(), InstrumentKind.Spot, symbol.ToUpperInvariant(), string.Empty, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
        }

        var baseAsset = CanonicalNames.Asset(symbol[..dash]);
        var quoteAsset = CanonicalNames.Asset(symbol[(dash + 1)..]);
        return new Instrument(venue, symbol, CanonicalNames.Spot(baseAsset, quoteAsset), InstrumentKind.Spot, baseAsset, quoteAsset, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
    }
}
