using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>
/// What the venue-agnostic machinery (connector grain, replay, simulator) needs from one venue's adapter:
/// its parser, its book-sync procedure, how to read its REST snapshots and how to name its instruments.
/// One implementation per venue folder; stateless and thread-safe.
/// </summary>
public interface IVenueProtocol
{
    /// <summary>Venue id (<see cref="Venues"/>), e.g. <c>binance-futures</c>.</summary>
    string Venue { get; }

    /// <summary>True when a recorded WebSocket or REST URL belongs to this venue.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether this adapter handles it.</returns>
    bool MatchesUrl(string url);

    /// <summary>Creates a frame parser for one connection.</summary>
    /// <param name="symbols">Subscribed symbols.</param>
    /// <param name="limits">Input caps.</param>
    /// <returns>The parser.</returns>
    IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits);

    /// <summary>Creates the book-sync procedure for one symbol.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>A new procedure with an empty book.</returns>
    IBookSynchronizer CreateBookSync(string symbol);

    /// <summary>Creates a symbol table for this venue (case rules differ per venue).</summary>
    /// <param name="symbols">Known symbols.</param>
    /// <param name="acceptUnknown">Add unseen symbols (replay).</param>
    /// <returns>The table.</returns>
    SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown);

    /// <summary>Reads a REST depth-snapshot response.</summary>
    /// <param name="url">The request URL (names the symbol).</param>
    /// <param name="body">The body.</param>
    /// <param name="receiveTime">When it arrived.</param>
    /// <param name="limits">Input caps.</param>
    /// <param name="snapshot">The snapshot event; caller owns its levels.</param>
    /// <param name="reason">Why it failed.</param>
    /// <returns>False when the URL is not a snapshot request of this venue or the body is invalid.</returns>
    bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason);

    /// <summary>Names a symbol without reference data (offline replay): canonical instrument from the symbol text.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The instrument (tick/lot size zero, status unknown).</returns>
    Instrument InferInstrument(string symbol);

    /// <summary>
    /// Reads the venue's instrument reference response (Binance <c>exchangeInfo</c>, KuCoin <c>/api/v2/symbols</c>,
    /// Kraken <c>AssetPairs</c>, Coinbase <c>/products</c>, OKX <c>/api/v5/public/instruments</c>, Bybit
    /// <c>/v5/market/instruments-info</c>, Bitfinex <c>conf/pub:info:pair</c>) into instruments with tick size,
    /// lot size, status and canonical names. False (and no instruments) when the venue has no parser or the body is invalid.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">The instruments read.</param>
    /// <returns>Whether the body was read.</returns>
    bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        return false;
    }

    /// <summary>
    /// The venue's spelling of a configured symbol (case rules differ: Binance upper case, Bitfinex <c>tBTCUSD</c>);
    /// book keys, REST paths and subscriptions use it. Upper case unless the venue overrides it.
    /// </summary>
    /// <param name="symbol">The symbol as configured.</param>
    /// <returns>The venue's spelling.</returns>
    string NormalizeSymbol(string symbol) => symbol.Trim().ToUpperInvariant();

    /// <summary>
    /// Checks the venue-specific options (<see cref="VenueOptions.DepthLimit"/>, <see cref="VenueOptions.BookChannel"/>);
    /// each message names the section and key. By default <c>DepthLimit</c> must be 5..5000 when set and
    /// <c>BookChannel</c> must be empty (the venue has one book channel).
    /// </summary>
    /// <param name="options">The venue's options.</param>
    /// <param name="section">The configuration section, e.g. <c>Feed:Venues:okx</c>.</param>
    /// <returns>Problems found; empty when valid.</returns>
    IEnumerable<string> ValidateOptions(VenueOptions options, string section) => VenueOptionChecks.Default(options, section);

    /// <summary>
    /// The adapter configured for <paramref name="options"/>: venues whose book channel or depth changes the parser or
    /// book sync (OKX <c>BookChannel</c>, Bybit and KuCoin <c>DepthLimit</c>) return a new adapter; others return this one.
    /// Call after <see cref="ValidateOptions"/> found no problem.
    /// </summary>
    /// <param name="options">The venue's options.</param>
    /// <returns>The configured adapter (same venue id).</returns>
    /// <exception cref="ArgumentException">The options are invalid for this venue.</exception>
    IVenueProtocol Configure(VenueOptions options) => this;
}
