namespace OrleansFeed.Exchanges.Common.Sessions;

/// <summary>
/// How a frame reached the session: whether reading it had to wait for the network. A frame that was already buffered
/// (in the WebSocket's buffer or the kernel's) means the reader is behind the venue, in a burst or a backlog; a frame
/// it waited for means it is at the live edge. Handlers use it to choose between latency and batching.
/// </summary>
public enum FrameArrival
{
    /// <summary>At least one read of the frame had to wait for data: the reader was caught up.</summary>
    Waited,

    /// <summary>Every read of the frame completed at once: more data was already there (burst, backlog, or a buffered replay).</summary>
    Buffered,
}
