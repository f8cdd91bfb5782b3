namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The connector's side of a book grain (same grain, same key <c>venue:symbol</c>, as <c>IOrderBookGrain</c>): the
/// parsed venue events of one symbol, in order, as batches. Silo-internal: books are placed on their connector's
/// silo, so a batch is passed by reference and never serialized.
/// </summary>
[Alias("OrleansFeed.IBookFeedGrain")]
public interface IBookFeedGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch: its book events through the venue's sync procedure, then its trades and BBO.</summary>
    /// <param name="batch">Events of this book since the previous batch, in receive order; owned by the call.</param>
    /// <returns>Completes when applied (the connector keeps one call in flight per book).</returns>
    Task ApplyAsync(BookEventBatch batch);
}
