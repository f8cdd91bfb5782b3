using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of one Bybit category (venue ids <c>bybit</c> =
/// linear, <c>bybit-spot</c>, <c>bybit-inverse</c>): in-stream snapshots (<see cref="BookSnapshotSource.Stream"/>),
/// <c>u</c> + 1 chaining with snapshot resets (<see cref="BybitBookSync"/>), <c>publicTrade</c>; the retired v2
/// <c>realtime_public</c>/<c>realtime</c> feed of the 2021 recordings replays through the same parser. Stateless and thread-safe.
/// </summary>
/// <remarks>Register with <c>new VenueRegistry(BybitProtocol.All())</c>; a URL's category (its <c>/v5/public/{category}</c>
/// path) picks the adapter.</remarks>
/// <param name="category">The category; linear by default.</param>
/// <param name="bookDepth">The <c>N</c> of <c>orderbook.N</c> subscribed and kept: 1, 50 (default), 200 or 1000.</param>
/// <seealso href="https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook"/>
public sealed class BybitProtocol(BybitCategory category = BybitCategory.Linear, int bookDepth = BybitProtocol.DefaultBookDepth) : IVenueProtocol, IVenueConnectivity
{
    /// <summary>The depth when <c>DepthLimit</c> is not configured: <c>orderbook.50</c>.</summary>
    public const int DefaultBookDepth = 50;

    private readonly BybitConnectivity _connectivity = new(category, bookDepth);

    /// <summary>The category.</summary>
    public BybitCategory Category { get; } = category;

    /// <inheritdoc />
    public string Venue => Category.VenueId();

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>Adapters for the three categories with default depth.</summary>
    /// <returns>Linear, spot, inverse.</returns>
    public static IEnumerable<IVenueProtocol> All() =>
        Enum.GetValues<BybitCategory>().Select(c => (IVenueProtocol)new BybitProtocol(c));

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

    /// <inheritdoc />
    public bool MatchesUrl(string url) => BybitCategoryInfo.TryFromUrl(url, out var category) && category == Category;

    /// <summary>The <c>orderbook.N</c> depths <c>DepthLimit</c> may name (§7 "Topics and payloads").</summary>
    public static IReadOnlyCollection<int> AllowedDepths { get; } = [1, 50, 200, 1000];

    /// <summary><c>DepthLimit</c> must be 1, 50, 200 or 1000 when set (default 50); <c>BookChannel</c> is unused.</summary>
    /// <param name="options">The venue's options.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>Problems found.</returns>
    public IEnumerable<string> ValidateOptions(VenueOptions options, string section) =>
        new[] { VenueOptionChecks.DepthOneOf(options, section, AllowedDepths, "the N of orderbook.N"), VenueOptionChecks.NoBookChannel(options, section) }.OfType<string>();

    /// <summary>An adapter subscribing and keeping <c>orderbook.{DepthLimit}</c> (default 50).</summary>
    /// <param name="options">The venue's options.</param>
    /// <returns>The configured adapter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><c>DepthLimit</c> is not 1, 50, 200 or 1000.</exception>
    public IVenueProtocol Configure(VenueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var depth = options.DepthLimit ?? DefaultBookDepth;
        return depth == BookDepth ? this : new BybitProtocol(Category, depth);
    }

    /// <summary>The book depth subscribed and kept (the <c>N</c> of <c>orderbook.N</c>).</summary>
    public int BookDepth => _connectivity.BookDepth;

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new BybitFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new BybitBookSync(_connectivity.BookDepth);

    /// <summary>Bybit symbols are upper case only (§7 REST).</summary>
    /// <param name="symbols">Known symbols.</param>
    /// <param name="acceptUnknown">Add unseen symbols (replay).</param>
    /// <returns>The table.</returns>
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown, upperCase: true);

    /// <summary>Bybit books come from the stream: there is no REST snapshot to read.</summary>
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
    public Instrument InferInstrument(string symbol) => BybitSymbols.Infer(Category, symbol);

    /// <summary>Reads <c>/v5/market/instruments-info</c>; only a response of this adapter's category is accepted.</summary>
    /// <param name="body">The body.</param>
    /// <param name="instruments">The instruments.</param>
    /// <returns>Whether the body was read.</returns>
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        if (BybitInstrumentsParser.TryParse(body, out instruments) && instruments.All(i => i.Venue == Venue))
        {
            return true;
        }

        instruments = [];
        return false;
    }
}
