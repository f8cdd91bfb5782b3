using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of one Coinbase feed: the Exchange feed
/// (venue <c>coinbase</c>) or Advanced Trade (venue <c>coinbase-advanced</c>). Both send the book snapshot in the
/// stream (<see cref="BookSnapshotSource.Stream"/>); a single product is resynced by unsubscribing and re-subscribing
/// its book channel. Stateless and thread-safe; register <see cref="All"/> with the silo and replay.
/// </summary>
/// <param name="feed">Which Coinbase API.</param>
/// <seealso href="https://docs.cdp.coinbase.com/exchange/websocket-feed/channels"/>
/// <seealso href="https://docs.cdp.coinbase.com/advanced-trade/docs/ws-channels"/>
public sealed class CoinbaseProtocol(CoinbaseFeed feed) : IVenueProtocol, IVenueConnectivity
{
    private readonly CoinbaseConnectivity _connectivity = new(feed);

    /// <summary>The feed.</summary>
    public CoinbaseFeed Feed { get; } = feed;

    /// <inheritdoc />
    public string Venue => Feed == CoinbaseFeed.Exchange ? Venues.Coinbase : Venues.CoinbaseAdvanced;

    /// <summary>Adapters for both Coinbase feeds.</summary>
    /// <returns>Exchange (<c>coinbase</c>) and Advanced Trade (<c>coinbase-advanced</c>).</returns>
    public static IEnumerable<IVenueProtocol> All() => [new CoinbaseProtocol(CoinbaseFeed.Exchange), new CoinbaseProtocol(CoinbaseFeed.AdvancedTrade)];

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options) => _connectivity.PlanConnections(options);

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => _connectivity.SnapshotUri(options, symbol);

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => _connectivity.SnapshotWeight(options);

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol) => _connectivity.ResubscribeMessages(options, symbol);

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => _connectivity.InstrumentsUri(options);

    /// <summary>
    /// True for this feed's hosts: Exchange <c>ws-feed.exchange.coinbase.com</c>, <c>ws-feed.pro.coinbase.com</c> (the
    /// recordings), <c>api.exchange.coinbase.com</c>; Advanced Trade <c>advanced-trade-ws.coinbase.com</c>, <c>api.coinbase.com</c>.
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether this adapter handles it.</returns>
    public bool MatchesUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.Host.EndsWith("coinbase.com", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = uri.Host;
        var advanced = host.StartsWith("advanced-trade-ws", StringComparison.OrdinalIgnoreCase) || host.Equals("api.coinbase.com", StringComparison.OrdinalIgnoreCase);
        var exchange = host.StartsWith("ws-feed", StringComparison.OrdinalIgnoreCase)
            || host.Equals("api.exchange.coinbase.com", StringComparison.OrdinalIgnoreCase) || host.Equals("api.pro.coinbase.com", StringComparison.OrdinalIgnoreCase);
        return Feed == CoinbaseFeed.Exchange ? exchange : advanced;
    }

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => Feed == CoinbaseFeed.Exchange
        ? new CoinbaseExchangeFrameParser(symbols, limits)
        : new CoinbaseAdvancedFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new CoinbaseBookSync();

    /// <inheritdoc />
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown, upperCase: true);

    /// <summary>Coinbase books come from the stream only: always false.</summary>
    /// <param name="url">The request URL.</param>
    /// <param name="body">The body.</param>
    /// <param name="receiveTime">When it arrived.</param>
    /// <param name="limits">Input caps.</param>
    /// <param name="snapshot">Always default.</param>
    /// <param name="reason">Always <see cref="FrameRejectReason.UnknownType"/>.</param>
    /// <returns>False.</returns>
    public bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        snapshot = default;
        reason = FrameRejectReason.UnknownType;
        return false;
    }

    /// <inheritdoc />
    public Instrument InferInstrument(string symbol) => CoinbaseSymbols.Infer(Venue, symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        CoinbaseInstrumentsParser.TryParse(Venue, body, out instruments);
}
