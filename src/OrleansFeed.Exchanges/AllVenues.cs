using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Okx;

namespace OrleansFeed.Exchanges;

/// <summary>Every venue adapter this build supports: what the silo and <c>replay</c> register.</summary>
public static class AllVenues
{
    /// <summary>One adapter per venue id (see docs/venues.md for the list and their protocols).</summary>
    /// <returns>The adapters.</returns>
    public static IEnumerable<IVenueProtocol> Protocols() =>
    [
        .. BinanceProtocol.All(),
        .. KuCoinProtocol.All(),
        .. KrakenProtocol.All(),
        .. CoinbaseProtocol.All(),
        .. BitfinexProtocol.All(),
        .. OkxProtocol.All(),
        .. BybitProtocol.All(),
    ];

    /// <summary>A registry of <see cref="Protocols"/>.</summary>
    /// <returns>The registry.</returns>
    public static VenueRegistry Registry() => new(Protocols());
}
