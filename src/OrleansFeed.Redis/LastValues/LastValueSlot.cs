namespace OrleansFeed.Redis.LastValues;

/// <summary>
/// The pending value of one last-value key. Its buffer is reused across offers so a steady stream of offers to
/// known keys allocates nothing; all fields are guarded by locking the slot.
/// </summary>
internal sealed class LastValueSlot
{
    public LastValueSlot(string redisKey) => RedisKey = redisKey;

    /// <summary>The full Redis key, built once.</summary>
    public string RedisKey { get; }

    public byte[] Buffer = [];

    public int Length;

    /// <summary>True when the buffer holds a value not yet written.</summary>
    public bool Dirty;

    /// <summary>Bumped on every offer, so a failed write can tell whether a newer value arrived meanwhile.</summary>
    public long Version;

    /// <summary>TimeProvider timestamp of the last write attempt; meaningful only when <see cref="Attempted"/>.</summary>
    public long LastAttemptTimestamp;

    public bool Attempted;
}
