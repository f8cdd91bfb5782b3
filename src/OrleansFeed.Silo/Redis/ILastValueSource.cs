namespace OrleansFeed.Silo.Redis;

/// <summary>
/// One row of the last-value table: a family of Redis last-value keys (<c>{prefix}:lv:{kind}:{id}</c>) fed by silo
/// streams. <see cref="LastValuePublisher"/> starts every registered source, then calls <see cref="PublishAsync"/>
/// once per <c>Redis:LastValueMinInterval</c>; the source offers the keys that are due to
/// <see cref="OrleansFeed.Redis.LastValues.ILastValueStore"/>.
/// </summary>
/// <remarks>
/// Threading: <see cref="StartAsync"/>, <see cref="PublishAsync"/> and <see cref="IAsyncDisposable.DisposeAsync"/> are
/// called by the publisher's single loop, never concurrently. Stream handlers run on the stream pumps and must only
/// record that a key changed (no I/O, no allocation), so a slow Redis can never slow ingest.
/// </remarks>
public interface ILastValueSource : IAsyncDisposable
{
    /// <summary>Short name for logs, e.g. <c>book</c> or <c>nbbo</c>.</summary>
    string Name { get; }

    /// <summary>Subscribes to the streams of every key; called once, after the silo's books are configured.</summary>
    /// <param name="cancellationToken">The host's start token.</param>
    /// <returns>The number of keys this source serves (for the start log).</returns>
    ValueTask<int> StartAsync(CancellationToken cancellationToken);

    /// <summary>Offers every key that is due in this pass (changed, settling, or due for its keep-alive).</summary>
    /// <param name="pass">This pass: the clock reading and whether every key must be offered (after a reconnect).</param>
    /// <param name="cancellationToken">Stops the pass (silo shutdown).</param>
    /// <returns>The number of values offered.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    ValueTask<int> PublishAsync(LastValuePass pass, CancellationToken cancellationToken);
}
