using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of OKX v5 (venue id <c>okx</c>): in-stream
/// snapshots (<see cref="BookSnapshotSource.Stream"/>), <c>seqId</c>/<c>prevSeqId</c> chaining and the CRC-32 checksum
/// when non-zero (<see cref="OkxBookSync"/>), <c>trades</c> and <c>tickers</c>. Stateless and thread-safe.
/// </summary>
/// <remarks>Register with <c>new VenueRegistry([new OkxProtocol()])</c> (or beside other venues); the parser accepts
/// every book channel, the book channel option decides what live connections subscribe and the book depth kept.</remarks>
/// <param name="bookChannel">Book channel for live connections: <see cref="OkxChannel.Books"/> (default, public),
/// <see cref="OkxChannel.BooksL2Tbt"/> or <see cref="OkxChannel.Books50L2Tbt"/>.</param>
/// <seealso href="https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel"/>
public sealed class OkxProtocol(OkxChannel bookChannel = OkxChannel.Books) : IVenueProtocol, IVenueConnectivity
{
    private readonly OkxConnectivity _connectivity = new(bookChannel);

    /// <inheritdoc />
    public string Venue => Venues.Okx;

    /// <summary>The book channel live connections subscribe.</summary>
    public OkxChannel BookChannel { get; } = bookChannel;

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>The adapter with its default options.</summary>
    /// <returns>One OKX adapter.</returns>
    public static IEnumerable<IVenueProtocol> All() => [new OkxProtocol()];

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

    /// <summary>True for OKX (and its former name OKEx) v5 WebSocket and REST URLs, e.g. <c>wss://ws.okex.com:8443/ws/v5/public</c>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether this adapter handles it.</returns>
    public bool MatchesUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host;
        var okx = host.EndsWith("okx.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith("okex.com", StringComparison.OrdinalIgnoreCase);
        return okx && (uri.AbsolutePath.StartsWith("/ws/v5/", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/api/v5/", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new OkxFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new OkxBookSync(OkxChannels.Depth(BookChannel));

    /// <summary>OKX instrument ids are upper case and case-sensitive: no case folding.</summary>
    /// <param name="symbols">Known instrument ids.</param>
    /// <param name="acceptUnknown">Add unseen ids (replay).</param>
    /// <returns>The table.</returns>
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown);

    /// <summary>OKX books come from the stream: there is no REST snapshot to read.</summary>
    /// <param name="url">The URL.</param>
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
    public Instrument InferInstrument(string symbol) => OkxSymbols.Infer(symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        OkxInstrumentsParser.TryParse(body, out instruments);
}
