namespace OrleansFeed.Simulator.Venues;

/// <summary>What a venue may use to build replies: the recorded acks and the client's subscriptions after the request.</summary>
internal sealed class ReplyContext(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> recordedAcks, IReadOnlyCollection<string> keysAfter, long nowMilliseconds)
{
    /// <summary>The client's subscription keys once the request is applied.</summary>
    public IReadOnlyCollection<string> KeysAfter { get; } = keysAfter;

    /// <summary>The simulator clock, Unix ms (for pong timestamps).</summary>
    public long NowMilliseconds { get; } = nowMilliseconds;

    /// <summary>The first recorded ack frame for the key (it carries the recorded channel id), if any.</summary>
    public bool TryGetRecordedAck(string key, out ReadOnlyMemory<byte> ack) => recordedAcks.TryGetValue(key, out ack);
}
