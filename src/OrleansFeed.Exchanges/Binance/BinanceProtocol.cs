using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>The <see cref="IVenueProtocol"/> of one Binance market (spot, US, USD-M or COIN-M).</summary>
/// <param name="market">The market.</param>
/// <param name="maxBufferedDiffs">Diffs buffered per symbol while syncing.</param>
public sealed class BinanceProtocol(BinanceMarket market, int maxBufferedDiffs = 10_000) : IVenueProtocol, IVenueConnectivity
{
    private readonly BinanceConnectivity _connectivity = new(market);

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options) => _connectivity.PlanConnections(options);

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => _connectivity.SnapshotUri(options, symbol);

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => _connectivity.SnapshotWeight(options);

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => _connectivity.InstrumentsUri(options);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        BinanceInstrumentsParser.TryParse(Market, body, out instruments);

    /// <summary>The market.</summary>
    public BinanceMarket Market { get; } = market;

    /// <inheritdoc />
    public string Venue => Market.VenueId();

    /// <summary>Adapters for all four Binance markets.</summary>
    /// <returns>Spot, US, USD-M, COIN-M.</returns>
    public static IEnumerable<IVenueProtocol> All() =>
        Enum.GetValues<BinanceMarket>().Select(m => (IVenueProtocol)new BinanceProtocol(m));

    /// <inheritdoc />
    public bool MatchesUrl(string url) => BinanceMarketInfo.TryFromUrl(url, out var market) && market == Market;

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new BinanceFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new BinanceBookSync(Market, maxBufferedDiffs);

    /// <inheritdoc />
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) =>
        new(symbols, acceptUnknown, upperCase: true);

    /// <inheritdoc />
    public bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        snapshot = default;
        reason = FrameRejectReason.UnknownType;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.AbsolutePath.EndsWith("/depth", StringComparison.Ordinal))
        {
            return false;
        }

        var symbol = QueryValue(uri.Query, "symbol");
        if (string.IsNullOrEmpty(symbol))
        {
            reason = FrameRejectReason.MissingField;
            return false;
        }

        return BinanceSnapshotParser.TryParse(body, string.Intern(symbol.ToUpperInvariant()), receiveTime, limits, out snapshot, out reason);
    }

    /// <inheritdoc />
    public Instrument InferInstrument(string symbol) => BinanceSymbols.Infer(Market, symbol);

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
