namespace OrleansFeed.Simulator.Listing;

/// <summary>
/// The body of <c>GET /simulator/endpoints</c> (JSON, camelCase, <see cref="SimulatorListingJson"/>): every venue the
/// simulator serves with the URLs and symbols a connector uses, and the playback's state, so a silo started with
/// <c>run --simulator URL</c> configures itself from it (docs/simulator.md#what-it-serves-get-simulatorendpoints).
/// </summary>
/// <param name="Venues">Served venue ids, sorted; only venues with at least one symbol.</param>
/// <param name="Playback">The global playback.</param>
public sealed record SimulatorListing(IReadOnlyList<ServedVenue> Venues, PlaybackStatus Playback)
{
    /// <summary>The route of the listing on the simulator's port.</summary>
    public const string Path = "/simulator/endpoints";

    /// <summary>The route that starts a held playback (<c>POST</c>; <see cref="ExchangeSimulator.StartPlayback"/>,
    /// idempotent); answers this listing.</summary>
    public const string PlayPath = "/simulator/play";
}
