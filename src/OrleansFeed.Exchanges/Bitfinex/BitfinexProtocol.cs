using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of Bitfinex WebSocket v2 (venue <c>bitfinex</c>,
/// trading pairs): in-stream book snapshots (<see cref="BookSnapshotSource.Stream"/>), SEQ_ALL connection sequences,
/// OB_CHECKSUM verification. Thread-safe; its only state is the <see cref="Channels"/> directory its parsers fill.
/// Register one instance (<see cref="All"/>) with the silo and replay.
/// </summary>
/// <seealso href="https://docs.bitfinex.com/docs/ws-general"/>
public sealed class BitfinexProtocol : IVenueProtocol, IVenueConnectivity
{
    private readonly BitfinexConnectivity _connectivity;

    /// <summary>Creates the adapter.</summary>
    public BitfinexProtocol()
    {
        _connectivity = new BitfinexConnectivity(Channels);
    }

    /// <summary>Book channel ids learnt by this adapter's parsers (used to unsubscribe one book for a resync).</summary>
    public BitfinexChannelDirectory Channels { get; } = new();

    /// <inheritdoc />
    public string Venue => Venues.Bitfinex;

    /// <summary>The Bitfinex adapter.</summary>
    /// <returns>One <see cref="BitfinexProtocol"/>.</returns>
    public static IEnumerable<IVenueProtocol> All() => [new BitfinexProtocol()];

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

    /// <summary>True for <c>*.bitfinex.com</c> URLs (recorded <c>wss://api.bitfinex.com/ws/2</c>, live <c>api-pub</c>).</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether this adapter handles it.</returns>
    public bool MatchesUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.EndsWith("bitfinex.com", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new BitfinexFrameParser(symbols, limits, Channels);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new BitfinexBookSync();

    /// <summary>Bitfinex trading pairs are <c>t</c> + upper-case pair (<c>BTCUSD</c> → <c>tBTCUSD</c>).</summary>
    /// <param name="symbol">The configured symbol.</param>
    /// <returns>The venue's spelling.</returns>
    public string NormalizeSymbol(string symbol) => BitfinexConnectivity.Normalize(symbol);

    /// <summary>Symbols are case-sensitive (<c>t</c> prefix, upper-case pair), so the table does not fold case.</summary>
    /// <param name="symbols">Known symbols.</param>
    /// <param name="acceptUnknown">Add unseen symbols (replay).</param>
    /// <returns>The table.</returns>
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) =>
        new(symbols.Select(BitfinexConnectivity.Normalize), acceptUnknown, upperCase: false);

    /// <summary>Bitfinex books come from the stream only: always false.</summary>
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
    public Instrument InferInstrument(string symbol) => BitfinexSymbols.Infer(symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        BitfinexInstrumentsParser.TryParse(body, out instruments);
}
