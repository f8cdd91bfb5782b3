using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of Kraken spot (venue id <c>kraken</c>),
/// WebSocket v1 and v2 (shared/docs/exchange-protocols.md §4): one <see cref="KrakenFrameParser"/> reads both frame
/// shapes, <see cref="KrakenBookSync"/> keeps each book with depth trimming and CRC-32 checksums, snapshots come
/// from the subscription, and <c>AssetPairs</c> gives the instruments.
/// </summary>
/// <remarks>Register with <c>new VenueRegistry([new KrakenProtocol(), …])</c> or <c>KrakenProtocol.All()</c>.
/// Stateless and thread-safe; per-connection state lives in each parser.</remarks>
/// <seealso href="https://docs.kraken.com/api/docs/guides/spot-ws-intro"/>
public sealed class KrakenProtocol : IVenueProtocol, IVenueConnectivity
{
    private readonly KrakenConnectivity _connectivity = new();

    /// <inheritdoc />
    public string Venue => Core.Instruments.Venues.Kraken;

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => _connectivity.SnapshotSource;

    /// <summary>The Kraken adapter as a sequence, for registries built from several venues.</summary>
    /// <returns>One <see cref="KrakenProtocol"/>.</returns>
    public static IEnumerable<IVenueProtocol> All() => [new KrakenProtocol()];

    /// <inheritdoc />
    /// <remarks>Spot hosts only: <c>ws.kraken.com</c> (v1 and <c>/v2</c>), <c>beta-ws.kraken.com</c>, <c>ws-auth.kraken.com</c>,
    /// <c>api.kraken.com</c>; Kraken Futures (<c>futures.kraken.com</c>) is another venue.</remarks>
    public bool MatchesUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Host.Equals("kraken.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".kraken.com", StringComparison.OrdinalIgnoreCase))
        && !uri.Host.Contains("futures", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new KrakenFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new KrakenBookSync();

    /// <inheritdoc />
    /// <remarks>Case-sensitive: Kraken pairs are upper case with a slash (<c>XBT/USD</c>).</remarks>
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown);

    /// <inheritdoc />
    /// <remarks>Always false: Kraken books start from the WebSocket snapshot, not REST.</remarks>
    public bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        snapshot = default;
        reason = FrameRejectReason.UnknownType;
        return false;
    }

    /// <inheritdoc />
    public Instrument InferInstrument(string symbol) => KrakenSymbols.Infer(symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        KrakenInstrumentsParser.TryParse(body, out instruments);

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options) => _connectivity.PlanConnections(options);

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol) => _connectivity.ResubscribeMessages(options, symbol);

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => _connectivity.SnapshotUri(options, symbol);

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => _connectivity.SnapshotWeight(options);

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => _connectivity.InstrumentsUri(options);
}
