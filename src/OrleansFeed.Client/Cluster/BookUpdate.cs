using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Client.Cluster;

/// <summary>
/// One item of a <see cref="ClusterBookSubscription"/>: either a snapshot (replace the whole book: the first item, and
/// after every gap, rebuild or new epoch) or a delta that follows the previous item without a gap (same epoch, sequence
/// + 1). Exactly one of the two is set.
/// </summary>
/// <param name="Snapshot">A full book (levels up to the subscription's snapshot depth), its epoch and sequence.</param>
/// <param name="Delta">Level changes to apply to the book at <c>Delta.Sequence - 1</c>.</param>
public sealed record BookUpdate(BookSnapshot? Snapshot, BookDelta? Delta)
{
    /// <summary>The epoch after this update.</summary>
    public long Epoch => Snapshot?.Epoch ?? Delta!.Epoch;

    /// <summary>The sequence after this update.</summary>
    public long Sequence => Snapshot?.Sequence ?? Delta!.Sequence;
}
