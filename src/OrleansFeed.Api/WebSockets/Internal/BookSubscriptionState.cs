namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Where a book subscription is in its snapshot-then-deltas cycle.</summary>
internal enum BookSubscriptionState : byte
{
    /// <summary>A snapshot is being fetched; deltas are buffered (bounded) to be replayed after it.</summary>
    Fetching,

    /// <summary>Forwarding deltas; the next one must be <c>last + 1</c>.</summary>
    Live,

    /// <summary>Deltas were lost; nothing is forwarded until the queue has room for a fresh snapshot.</summary>
    Conflated,
}
