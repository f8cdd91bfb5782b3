using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// Maps KuCoin spot symbols to canonical instruments: KuCoin already writes <c>BASE-QUOTE</c> (<c>BTC-USDT</c> →
/// <c>BTC-USDT</c>, <c>ANKR-BTC</c> → <c>ANKR-BTC</c>), so offline the symbol splits at its dash; asset aliases are
/// folded by <see cref="CanonicalNames"/>. With <c>/api/v2/symbols</c> data, <c>baseCurrency</c>/<c>quoteCurrency</c> are used.
/// </summary>
public static class KuCoinSymbols
{
    /// <summary>Infers the instrument of a symbol without reference data.</summary>
    /// <param name="symbol">The native symbol, e.g. <c>BTC-USDT</c>.</param>
    /// <returns>A spot instrument; tick and lot size zero, status unknown. A symbol without a dash keeps its text as canonical name and an empty quote.</returns>
    public static Instrument Infer(string symbol)
    {
        var dash = symbol.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == symbol.Length - 1)
        {
            return new Instrument(Venues.KuCoin, symbol, symbol, InstrumentKind.Spot, symbol, string.Empty, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
        }

        var baseAsset = CanonicalNames.Asset(symbol[..dash]);
        var quoteAsset = CanonicalNames.Asset(symbol[(dash + 1)..]);
        return new Instrument(
            Venues.KuCoin, symbol, CanonicalNames.Spot(baseAsset, quoteAsset), InstrumentKind.Spot, baseAsset, quoteAsset,
            FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
    }
}
