namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>How to reach a venue live: connections for a symbol set, snapshot URLs and the REST budget.</summary>
public interface IVenueConnectivity
{
    /// <summary>The connections needed for the configured symbols (sharded by the venue's per-connection stream cap).</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>Connection plans.</returns>
    IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options);

    /// <summary>The REST depth-snapshot URL for a symbol.</summary>
    /// <param name="options">Venue options.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The URL.</returns>
    Uri SnapshotUri(VenueOptions options, string symbol);

    /// <summary>Request weight of one snapshot at the configured depth.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The weight.</returns>
    int SnapshotWeight(VenueOptions options);

    /// <summary>REST weight budget per minute when <see cref="VenueOptions.RestWeightPerMinute"/> is 0.</summary>
    int DefaultWeightPerMinute { get; }

    /// <summary>Where this venue's snapshots come from; <see cref="BookSnapshotSource.Rest"/> unless the venue overrides it.</summary>
    BookSnapshotSource SnapshotSource => BookSnapshotSource.Rest;

    /// <summary>
    /// Text frames that make the venue send a fresh snapshot of one symbol on its open connection (an unsubscribe
    /// then a subscribe of that symbol's book channel). Used when <see cref="SnapshotSource"/> is
    /// <see cref="BookSnapshotSource.Stream"/>; empty means "reconnect to resync".
    /// </summary>
    /// <param name="options">Venue options.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The frames, in order.</returns>
    IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol) => [];

    /// <summary>
    /// Prepares a connection just before each connect attempt, e.g. KuCoin's token handshake (§3: POST
    /// <c>/api/v1/bullet-public</c> gives the endpoint, token and ping interval). Returns the plan unchanged by default.
    /// </summary>
    /// <param name="plan">The planned connection.</param>
    /// <param name="options">Venue options.</param>
    /// <param name="http">An HTTP client for the venue's REST API.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>The plan to connect with (new URI, keep-alive).</returns>
    /// <exception cref="HttpRequestException">The handshake failed; the session backs off and retries.</exception>
    ValueTask<ConnectionPlan> NegotiateAsync(ConnectionPlan plan, VenueOptions options, HttpClient http, CancellationToken cancellationToken) =>
        ValueTask.FromResult(plan);

    /// <summary>The REST URL of the venue's instrument reference data (read by <see cref="IVenueProtocol.TryParseInstruments"/>), or null when none is used.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The URL or null.</returns>
    Uri? InstrumentsUri(VenueOptions options) => null;
}
