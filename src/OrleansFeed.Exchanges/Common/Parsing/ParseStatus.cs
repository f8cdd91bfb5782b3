namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>What a frame parser did with one frame.</summary>
public enum ParseStatus : byte
{
    /// <summary>Market data was parsed and handed to the sink.</summary>
    Data,

    /// <summary>A control message (subscribe ack, pong, heartbeat); nothing for the sink.</summary>
    Control,

    /// <summary>A valid message of a stream we don't use (e.g. <c>kline</c>); ignored and counted.</summary>
    Ignored,

    /// <summary>Rejected: see the reason reported to the sink.</summary>
    Rejected,
}
