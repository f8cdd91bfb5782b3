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
