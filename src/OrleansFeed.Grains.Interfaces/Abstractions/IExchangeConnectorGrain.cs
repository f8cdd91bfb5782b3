using Orleans;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// One venue's connections: WebSocket sessions, subscriptions, reconnects, snapshot fetches and frame parsing.
/// Key: the venue id (<see cref="OrleansFeed.Core.Instruments.Venues"/>), e.g. <c>binance</c>. Parses frames where the
/// socket is and calls its book grains directly with ordered per-symbol batches; trades, venue BBOs and venue tickers
/// also go to the silo-local fan-out (<see cref="StreamNamespaces.Trades"/>, <see cref="StreamNamespaces.VenueBbo"/>,
/// <see cref="StreamNamespaces.VenueTicker"/>). <c>[KeepAlive]</c>: never collected for idleness.
/// </summary>
[Alias("OrleansFeed.IExchangeConnectorGrain")]
public interface IExchangeConnectorGrain : IGrainWithStringKey
{
    /// <summary>Opens the venue's connections for the configured symbols (idempotent).</summary>
    /// <returns>Completes when the connection attempts have started (not when connected).</returns>
    Task StartAsync();

    /// <summary>Starts the venue's connections unless they are running (the supervisor calls it every few seconds).</summary>
    /// <returns>True when this call started them (the activation was new or had stopped); false when they were running.</returns>
    Task<bool> EnsureRunningAsync();

    /// <summary>Closes the venue's connections (silo shutdown: before the books deactivate, so no batch is in flight to them).</summary>
    /// <returns>Completes when the connections closed, or after a few seconds.</returns>
    Task StopAsync();

    /// <summary>Queues a REST depth snapshot for a symbol; the result arrives on the book's event stream.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>Completes when queued. Requests are paced within the venue's REST weight budget.</returns>
    Task RequestSnapshotAsync(string symbol);

    /// <summary>Connection and parser counters.</summary>
    /// <returns>The status.</returns>
    Task<ConnectorStatus> GetStatusAsync();
}
