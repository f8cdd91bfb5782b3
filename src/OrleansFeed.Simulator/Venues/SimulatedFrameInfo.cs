namespace OrleansFeed.Simulator.Venues;

/// <summary>A recorded frame's classification: kind plus the channel and symbol it belongs to (null for connection-wide frames).</summary>
/// <param name="Kind">What the frame is.</param>
/// <param name="Channel">The venue's channel name as a client subscribes to it (e.g. <c>book</c>, <c>books-l2-tbt</c>), or null.</param>
/// <param name="Symbol">The symbol as the venue spells it (e.g. <c>XBT/USD</c>, <c>tBTCUSD</c>), or null.</param>
internal readonly record struct SimulatedFrameInfo(SimulatedFrameKind Kind, string? Channel = null, string? Symbol = null)
{
    public static SimulatedFrameInfo Control => new(SimulatedFrameKind.Control);

    /// <summary>The subscription key (<see cref="SubscriptionKey"/>) or null when the frame has no channel and symbol.</summary>
    public string? Key => Channel is null || Symbol is null ? null : SubscriptionKey.Create(Channel, Symbol);
}
