using Orleans.Concurrency;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The connector's side of a book grain (same grain, same key <c>venue:symbol</c>, as <c>IOrderBookGrain</c>): the
/// parsed venue events of one symbol, in order, as batches. The connector feeds a book active on its own silo in place
/// (its <see cref="LiveBook"/>), so <see cref="ApplyAsync"/> is the fallback: the first batches before the book is
/// active, and a book away from its connector (after a failover, until it follows). Books are placed on their
/// connector's silo, so a batch is passed by reference and never serialized.
/// </summary>
[Alias("OrleansFeed.IBookFeedGrain")]
public interface IBookFeedGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch: its book events through the venue's sync procedure, then its trades and BBO.</summary>
    /// <param name="batch">Events of this book since the previous batch, in receive order; owned by the call.</param>
    /// <returns>Completes when applied (the connector keeps one delivery in flight per book).</returns>
    /// <exception cref="InvalidOperationException">The activation is deactivating (the connector counts the failed
    /// delivery; the book resyncs on the gap).</exception>
    Task ApplyAsync(BookEventBatch batch);

    /// <summary>
    /// Called by the connector when it starts and on every supervisor pass: activates the book (on the connector's silo,
    /// when this is the first call) or, when something else activated it on another silo first (a REST read right after
    /// a failover), moves it to <paramref name="connectorSilo"/>: batches are silo-local, so a book away from its
    /// connector could not be fed. The moved book is a new activation (a higher epoch, a fresh snapshot).
    /// </summary>
    /// <param name="connectorSilo">The silo of the calling connector.</param>
    /// <returns>True when the book is moving (the connector then asks the venue for a fresh snapshot for it); the move
    /// happens once the call returns.</returns>
    /// <remarks><c>[AlwaysInterleave]</c>: the connector calls it from its own turn while the book may be awaiting the
    /// connector (<c>RequestSnapshotAsync</c>); without interleaving the two would wait for each other until the call
    /// timeout. It reads only the silo address and never awaits.</remarks>
    [AlwaysInterleave]
    Task<bool> FollowConnectorAsync(SiloAddress connectorSilo);
}
