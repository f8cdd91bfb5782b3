namespace OrleansFeed.Simulator.Venues;

/// <summary>The venues the simulator serves besides Binance (which keeps its own routes).</summary>
internal static class SimulatedVenues
{
    /// <summary>Fresh instances (venues may learn state from the recording, so one set per simulator).</summary>
    public static SimulatedVenue[] Create() =>
        [new KrakenSimulatedVenue(), new CoinbaseSimulatedVenue(), new OkxSimulatedVenue(), new BybitSimulatedVenue(), new BitfinexSimulatedVenue(), new KuCoinSimulatedVenue()];
}
