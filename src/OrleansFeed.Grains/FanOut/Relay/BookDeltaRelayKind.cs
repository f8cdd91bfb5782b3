using Orleans;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>
/// Book deltas: after a re-attachment the local subscribers may have missed the new incarnation's first deltas (its
/// <see cref="BookDeltaKind.Rebuilt"/> among them), so the relay announces the book's current epoch and sequence as a
/// <see cref="BookDeltaKind.Rebuilt"/> delta without changes: every consumer that holds an older state takes a fresh
/// snapshot (the WebSocket session's and the aggregator mirror's existing recovery); one that is current ignores it.
/// </summary>
internal sealed class BookDeltaRelayKind : RelayKind<BookDelta>
{
    public override async Task AnnounceReattachedAsync(IGrainFactory grains, InMemoryStreamProvider streams, FanOutStreamId stream)
    {
        var now = await grains.GetGrain<IOrderBookGrain>(stream.Key).GetSnapshotAsync(0).ConfigureAwait(false);
        var rebuilt = new BookDelta(now.Venue, now.Symbol, BookDeltaKind.Rebuilt, now.Sequence, now.Epoch, now.SyncState, now.LastUpdateId, [], now.ExchangeTime, now.ReceiveTime);
        await streams.GetLocalStream<BookDelta>(stream).OnNextRelayedAsync(rebuilt).ConfigureAwait(false);
    }
}
