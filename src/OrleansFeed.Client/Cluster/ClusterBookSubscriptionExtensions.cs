using Orleans;
using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Client.Cluster;

/// <summary>Typed book subscriptions over an Orleans grain factory (docs/client.md).</summary>
public static class ClusterBookSubscriptionExtensions
{
    /// <summary>Subscribes to one book through the cluster (see <see cref="ClusterBookSubscription"/>).</summary>
    /// <param name="grains">The cluster client (or a silo's grain factory).</param>
    /// <param name="venue">Venue id, e.g. <c>binance-futures</c>.</param>
    /// <param name="symbol">The venue's symbol as the silo keys it, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="options">Options; <see cref="ClusterBookSubscriptionOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the start (attachment and first snapshot).</param>
    /// <returns>The started subscription; its first update is the snapshot.</returns>
    /// <exception cref="ArgumentException">An empty venue or symbol, or an option out of range.</exception>
    /// <exception cref="OrleansException">The cluster could not be reached, or the book grain failed to activate (unknown venue).</exception>
    public static Task<ClusterBookSubscription> SubscribeBookAsync(this IGrainFactory grains, string venue, string symbol, ClusterBookSubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        options ??= ClusterBookSubscriptionOptions.Default;
        options.Validate();
        return ClusterBookSubscription.StartAsync(grains, new BookKey(venue, symbol), options, cancellationToken);
    }
}
