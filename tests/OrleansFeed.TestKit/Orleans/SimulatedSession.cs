using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Simulator;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// One simulator of a <see cref="SimulatedSilo"/>: the recordings it serves and how the silo's venues are pointed at
/// it. Build with <see cref="BinanceMarket"/> or <see cref="Recorded"/>.
/// </summary>
public sealed class SimulatedSession
{
    private SimulatedSession(IReadOnlyList<string> files, bool binanceMarket, bool splitRoutes, string? venue, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> venueSettings)
    {
        Files = files;
        IsBinanceMarket = binanceMarket;
        SplitRoutes = splitRoutes;
        Venue = venue;
        VenueSettings = venueSettings;
    }

    /// <summary>The recordings (<c>*.txt.gz</c> captures) the simulator serves.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>True for a <see cref="BinanceMarket"/> session.</summary>
    public bool IsBinanceMarket { get; }

    /// <summary>Binance USD-M/COIN-M split routes (<c>/public</c> and <c>/market</c>: two connections).</summary>
    public bool SplitRoutes { get; }

    /// <summary>The one venue configured (<see cref="Recorded"/>); null = every venue the simulator serves.</summary>
    public string? Venue { get; }

    /// <summary>Extra keys per venue id, relative to <c>Feed:Venues:{venue}</c> (e.g. <c>DepthLimit</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> VenueSettings { get; }

    /// <summary>
    /// One Binance market recording (spot, US, USD-M or COIN-M): the venue id comes from the recorded URL, every
    /// snapshot symbol is configured with the whole simulated book (<c>DepthLimit</c> 5000, so no level is cut off by a
    /// depth-limited snapshot), and playback waits for the market's one (or, split, two) connections.
    /// </summary>
    /// <param name="files">The market's recording.</param>
    /// <param name="splitRoutes">USD-M/COIN-M split routes.</param>
    /// <returns>The session.</returns>
    public static SimulatedSession BinanceMarket(IReadOnlyList<string> files, bool splitRoutes) =>
        new(files, binanceMarket: true, splitRoutes, venue: null, new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>
    /// Recordings of one or several venues on one simulator (each recorded connection shifted to start at zero), each
    /// venue configured as <c>run --simulate</c> does (<see cref="SimulatedVenueEndpoint.Settings"/>: every recorded
    /// symbol, the recorded book channel and depth).
    /// </summary>
    /// <param name="files">The recordings.</param>
    /// <param name="venue">Configure only this venue id; null = every venue served.</param>
    /// <param name="venueSettings">Extra keys per venue id, relative to <c>Feed:Venues:{venue}</c>; they override the recorded ones.</param>
    /// <returns>The session.</returns>
    public static SimulatedSession Recorded(IReadOnlyList<string> files, string? venue = null, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? venueSettings = null) =>
        new(files, binanceMarket: false, splitRoutes: false, venue, venueSettings ?? new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>The Binance venue id of the recording (<c>binance</c>, <c>binance-us</c>, <c>binance-futures</c>, <c>binance-delivery</c>).</summary>
    /// <returns>The venue id.</returns>
    /// <exception cref="InvalidOperationException">The recording is not of a Binance market.</exception>
    internal string BinanceVenue()
    {
        var url = Files.SelectMany(CaptureFile.Read).First(r => r.Kind == CaptureRecordKind.Open).Source;
        return BinanceMarketInfo.TryFromUrl(url, out var market)
            ? market.VenueId()
            : throw new InvalidOperationException($"Not a Binance market recording: {url}");
    }
}
