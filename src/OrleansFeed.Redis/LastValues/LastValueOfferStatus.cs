namespace OrleansFeed.Redis.LastValues;

/// <summary>What <see cref="ILastValueStore.Offer"/> did with a value. Never an exception: offers are on the hot path.</summary>
public enum LastValueOfferStatus
{
    /// <summary>Stored as the key's pending value; the key had nothing pending.</summary>
    Accepted,

    /// <summary>Stored, replacing a pending value that will now never be written (rate bound or outage).</summary>
    Coalesced,

    /// <summary>Dropped: the key is new and <see cref="RedisOptions.LastValueMaxKeys"/> keys are already held.</summary>
    DroppedKeyLimit,

    /// <summary>Dropped: the payload is larger than <see cref="RedisOptions.LastValueMaxPayloadBytes"/>.</summary>
    DroppedTooLarge,

    /// <summary>Dropped: kind or id is empty.</summary>
    DroppedInvalid,
}
