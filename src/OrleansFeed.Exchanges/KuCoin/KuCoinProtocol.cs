using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// The KuCoin spot adapter (venue id <c>kucoin</c>, shared/docs/exchange-protocols.md §3): token handshake,
/// <c>/market/level2</c> diffs synced on a REST level-2 snapshot (<see cref="KuCoinBookSync"/>), <c>/market/match</c>
/// trades and <c>/market/ticker</c> BBO. Stateless apart from configuration; thread-safe.
/// </summary>
/// <param name="snapshotDepth">The REST snapshot used to sync: <see cref="KuCoinSnapshotDepth.Top100"/> (public) by default.</param>
/// <param name="maxBufferedDiffs">Diffs buffered per symbol while syncing. Default 10,000.</param>
public sealed class KuCoinProtocol(KuCoinSnapshotDepth snapshotDepth = KuCoinSnapshotDepth.Top100, int maxBufferedDiffs = 10_000)
    : IVenueProtocol, IVenueConnectivity
{
    private readonly KuCoinConnectivity _connectivity = new(snapshotDepth);

    /// <summary>The REST snapshot used to sync.</summary>
    public KuCoinSnapshotDepth SnapshotDepth => snapshotDepth;

    /// <inheritdoc />
    public string Venue => Venues.KuCoin;

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <summary>The KuCoin adapter with the default (public <c>level2_100</c>) snapshot, for registries.</summary>
    /// <returns>One adapter.</returns>
    public static IEnumerable<IVenueProtocol> All() => [new KuCoinProtocol()];

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options) => _connectivity.PlanConnections(options);

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => _connectivity.SnapshotUri(options, symbol);

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => _connectivity.SnapshotWeight(options);

    /// <inheritdoc />
    public ValueTask<ConnectionPlan> NegotiateAsync(ConnectionPlan plan, VenueOptions options, HttpClient http, CancellationToken cancellationToken) =>
        _connectivity.NegotiateAsync(plan, options, http, cancellationToken);

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => _connectivity.InstrumentsUri(options);

    /// <inheritdoc />
    /// <remarks>Any <c>kucoin.com</c> host: <c>api.kucoin.com</c>, <c>ws-api-spot.kucoin.com</c>, the recordings' <c>push-private.kucoin.com</c>.</remarks>
    public bool MatchesUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Host.Equals("kucoin.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".kucoin.com", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>DepthLimit</c> must be 20, 100 or 0 (the full book, signed requests) when set (default 100); <c>BookChannel</c> is unused.</summary>
    /// <param name="options">The venue's options.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>Problems found.</returns>
    public IEnumerable<string> ValidateOptions(VenueOptions options, string section) =>
        new[] { VenueOptionChecks.DepthOneOf(options, section, [20, 100, 0], "the REST level2_20, level2_100 snapshot, 0 = full level2 book"), VenueOptionChecks.NoBookChannel(options, section) }.OfType<string>();

    /// <summary>An adapter syncing from the snapshot <c>DepthLimit</c> names (20, 100 = default, 0 = full).</summary>
    /// <param name="options">The venue's options.</param>
    /// <returns>The configured adapter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><c>DepthLimit</c> is not 20, 100 or 0.</exception>
    public IVenueProtocol Configure(VenueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var depth = DepthOf(options.DepthLimit);
        return depth == snapshotDepth ? this : new KuCoinProtocol(depth, maxBufferedDiffs);
    }

    /// <summary>The snapshot a <c>DepthLimit</c> names: null or 100 → top 100, 20 → top 20, 0 → full.</summary>
    /// <param name="depthLimit">The configured value.</param>
    /// <returns>The snapshot depth.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Any other value.</exception>
    public static KuCoinSnapshotDepth DepthOf(int? depthLimit) => depthLimit switch
    {
        null or 100 => KuCoinSnapshotDepth.Top100,
        20 => KuCoinSnapshotDepth.Top20,
        0 => KuCoinSnapshotDepth.Full,
        _ => throw new ArgumentOutOfRangeException(nameof(depthLimit), depthLimit, "KuCoin DepthLimit must be 20, 100 or 0 (full book)."),
    };

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new KuCoinFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) =>
        new KuCoinBookSync(snapshotDepth switch { KuCoinSnapshotDepth.Full => 0, KuCoinSnapshotDepth.Top20 => 20, _ => 100 }, maxBufferedDiffs);

    /// <inheritdoc />
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown, upperCase: true);

    /// <inheritdoc />
    /// <remarks>Accepts <c>…/market/orderbook/level2_20</c>, <c>level2_100</c> and the full <c>/api/v2|v3/market/orderbook/level2</c>; the symbol is the <c>symbol</c> query value.</remarks>
    public bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        snapshot = default;
        reason = FrameRejectReason.UnknownType;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.AbsolutePath.Contains("/market/orderbook/level2", StringComparison.Ordinal))
        {
            return false;
        }

        var symbol = QueryValue(uri.Query, "symbol");
        if (string.IsNullOrEmpty(symbol))
        {
            reason = FrameRejectReason.MissingField;
            return false;
        }

        return KuCoinSnapshotParser.TryParse(body, string.Intern(symbol.ToUpperInvariant()), receiveTime, limits, out snapshot, out reason);
    }

    /// <inheritdoc />
    public Instrument InferInstrument(string symbol) => KuCoinSymbols.Infer(symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        KuCoinInstrumentsParser.TryParse(body, out instruments);

    private static string? QueryValue(string query, string name)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq] == name)
            {
                return Uri.UnescapeDataString(part[(eq + 1)..]);
            }
        }

        return null;
    }
}
