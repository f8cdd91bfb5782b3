using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Kraken pair names (shared/docs/exchange-protocols.md §4 "Symbols"): v1 and REST <c>wsname</c> spell Bitcoin
/// <c>XBT</c> and Dogecoin <c>XDG</c> (<c>XBT/USD</c>), v2 spells them <c>BTC</c>/<c>DOGE</c> (<c>BTC/USD</c>).
/// Canonical names fold both (<see cref="CanonicalNames"/>): <c>XBT/USD</c> and <c>BTC/USD</c> → <c>BTC-USD</c>.
/// </summary>
/// <remarks>Thread-safe (stateless).</remarks>
public static class KrakenSymbols
{
    // Quote codes for splitting a slash-less altname such as XBTUSD (longest first); offline fallback only.
    private static readonly string[] QuoteAssets = ["USDT", "USDC", "USD", "EUR", "GBP", "JPY", "CAD", "CHF", "AUD", "XBT", "BTC", "ETH", "DAI", "DOT"];

    /// <summary>Spells a pair for an API version: v1 uses <c>XBT</c>/<c>XDG</c>, v2 <c>BTC</c>/<c>DOGE</c>.</summary>
    /// <param name="symbol">A pair with a slash, e.g. <c>XBT/USD</c>; other text is returned unchanged.</param>
    /// <param name="version">The target version.</param>
    /// <returns>E.g. <c>BTC/USD</c> for v2.</returns>
    public static string ForVersion(string symbol, KrakenApiVersion version)
    {
        var slash = symbol.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return symbol;
        }

        return $"{AssetForVersion(symbol[..slash], version)}/{AssetForVersion(symbol[(slash + 1)..], version)}";
    }

    /// <summary>
    /// Writes the other version's spelling of a pair (<c>XBT/USD</c> ↔ <c>BTC/USD</c>) so frames of either
    /// version find the configured symbol. Allocates nothing.
    /// </summary>
    /// <param name="utf8">The pair as received.</param>
    /// <param name="destination">At least <c>utf8.Length + 2</c> bytes.</param>
    /// <returns>Bytes written; 0 when neither asset has an alias (nothing to retry).</returns>
    public static int WriteAlternateSpelling(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var slash = utf8.IndexOf((byte)'/');
        if (slash <= 0 || destination.Length < utf8.Length + 2)
        {
            return 0;
        }

        var written = 0;
        var changed = false;
        changed |= WriteAlternateAsset(utf8[..slash], destination, ref written);
        destination[written++] = (byte)'/';
        changed |= WriteAlternateAsset(utf8[(slash + 1)..], destination, ref written);
        return changed ? written : 0;
    }

    /// <summary>Names a pair without reference data.</summary>
    /// <param name="symbol">The pair, e.g. <c>XBT/USD</c> (v1, wsname) or <c>BTC/USD</c> (v2); a slash-less altname is split at a known quote.</param>
    /// <returns>A spot instrument, e.g. canonical <c>BTC-USD</c>; tick and lot size zero, status unknown.</returns>
    public static Instrument Infer(string symbol)
    {
        var slash = symbol.IndexOf('/', StringComparison.Ordinal);
        string baseAsset, quoteAsset;
        if (slash > 0 && slash < symbol.Length - 1)
        {
            baseAsset = symbol[..slash];
            quoteAsset = symbol[(slash + 1)..];
        }
        else
        {
            var quote = QuoteAssets.FirstOrDefault(q => symbol.Length > q.Length && symbol.EndsWith(q, StringComparison.OrdinalIgnoreCase));
            baseAsset = quote is null ? symbol : symbol[..^quote.Length];
            quoteAsset = quote ?? string.Empty;
        }

        var b = CanonicalNames.Asset(baseAsset);
        var q2 = quoteAsset.Length == 0 ? string.Empty : CanonicalNames.Asset(quoteAsset);
        var canonical = q2.Length == 0 ? b : $"{b}-{q2}";
        return new Instrument(Core.Instruments.Venues.Kraken, symbol, canonical, InstrumentKind.Spot, b, q2, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
    }

    private static string AssetForVersion(string asset, KrakenApiVersion version) => (version, asset.ToUpperInvariant()) switch
    {
        (KrakenApiVersion.V1, "BTC") => "XBT",
        (KrakenApiVersion.V1, "DOGE") => "XDG",
        (KrakenApiVersion.V2, "XBT") => "BTC",
        (KrakenApiVersion.V2, "XDG") => "DOGE",
        _ => asset,
    };

    private static bool WriteAlternateAsset(ReadOnlySpan<byte> asset, Span<byte> destination, ref int written)
    {
        ReadOnlySpan<byte> alternate =
            asset.SequenceEqual("XBT"u8) ? "BTC"u8
            : asset.SequenceEqual("BTC"u8) ? "XBT"u8
            : asset.SequenceEqual("XDG"u8) ? "DOGE"u8
            : asset.SequenceEqual("DOGE"u8) ? "XDG"u8
            : default;
        var changed = !alternate.IsEmpty;
        var source = changed ? alternate : asset;
        source.CopyTo(destination[written..]);
        written += source.Length;
        return changed;
    }
}
