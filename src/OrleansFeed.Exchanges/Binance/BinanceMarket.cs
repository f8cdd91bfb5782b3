using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// The Binance markets sharing one protocol family. Spot-style markets (spot, Binance.US) chain diffs by
/// <c>U == prev u + 1</c>; futures-style markets (USD-M, COIN-M) by <c>pu == prev u</c>
/// (shared/docs/exchange-protocols.md §1, §2).
/// </summary>
public enum BinanceMarket
{
    /// <summary>Binance spot (stream.binance.com, api.binance.com).</summary>
    Spot,

    /// <summary>Binance.US spot (stream.binance.us, api.binance.us).</summary>
    Us,

    /// <summary>USD-M futures (fstream.binance.com, fapi.binance.com).</summary>
    UsdFutures,

    /// <summary>COIN-M futures (dstream.binance.com, dapi.binance.com).</summary>
    CoinFutures,
}

/// <summary>Facts about each <see cref="BinanceMarket"/>.</summary>
public static class BinanceMarketInfo
{
    /// <summary>True for USD-M and COIN-M (the <c>pu</c> chain and the futures first-event rule).</summary>
    /// <param name="market">The market.</param>
    /// <returns>Whether it is a futures market.</returns>
    public static bool IsFutures(this BinanceMarket market) => market is BinanceMarket.UsdFutures or BinanceMarket.CoinFutures;

    /// <summary>The venue id used in book keys (<see cref="Venues"/>).</summary>
    /// <param name="market">The market.</param>
    /// <returns>The venue id.</returns>
    public static string VenueId(this BinanceMarket market) => market switch
    {
        BinanceMarket.Spot => Venues.Binance,
        BinanceMarket.Us => Venues.BinanceUs,
        BinanceMarket.UsdFutures => Venues.BinanceFutures,
        _ => Venues.BinanceCoinFutures,
    };

    /// <summary>Which market a venue id names.</summary>
    /// <param name="venue">A venue id.</param>
    /// <param name="market">The market.</param>
    /// <returns>False when the venue is not a Binance market.</returns>
    public static bool TryFromVenueId(string venue, out BinanceMarket market)
    {
        foreach (var candidate in Enum.GetValues<BinanceMarket>())
        {
            if (candidate.VenueId() == venue)
            {
                market = candidate;
                return true;
            }
        }

        market = default;
        return false;
    }

    /// <summary>Which market a recorded WebSocket or REST URL belongs to (by host).</summary>
    /// <param name="url">The URL.</param>
    /// <param name="market">The market.</param>
    /// <returns>False when the host is not a Binance host.</returns>
    public static bool TryFromUrl(string url, out BinanceMarket market)
    {
        market = default;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host;
        if (host.EndsWith("binance.us", StringComparison.OrdinalIgnoreCase))
        {
            market = BinanceMarket.Us;
            return true;
        }

        if (!host.Contains("binance", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        market = host.StartsWith("fstream", StringComparison.OrdinalIgnoreCase) || host.StartsWith("fapi", StringComparison.OrdinalIgnoreCase)
            ? BinanceMarket.UsdFutures
            : host.StartsWith("dstream", StringComparison.OrdinalIgnoreCase) || host.StartsWith("dapi", StringComparison.OrdinalIgnoreCase)
                ? BinanceMarket.CoinFutures
                : BinanceMarket.Spot;
        return true;
    }
}
