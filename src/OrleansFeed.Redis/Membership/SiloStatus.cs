namespace OrleansFeed.Redis.Membership;

/// <summary>Lifecycle status of a silo in the membership table (Orleans' <c>SiloStatus</c>, reduced).</summary>
public enum SiloStatus
{
    /// <summary>Starting; not yet serving grains.</summary>
    Joining,

    /// <summary>Serving grains and heartbeating.</summary>
    Active,

    /// <summary>Stopping gracefully; its grains move elsewhere.</summary>
    ShuttingDown,

    /// <summary>Declared dead (stopped or missed heartbeats); terminal, a heartbeat does not revive it.</summary>
    Dead,
}
