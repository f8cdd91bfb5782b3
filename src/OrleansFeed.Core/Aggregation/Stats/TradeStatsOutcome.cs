namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>What happened to a trade offered to <see cref="RollingTradeStats.OnTrade"/> (a metrics label).</summary>
public enum TradeStatsOutcome
{
    /// <summary>Counted in the window.</summary>
    Accepted,

    /// <summary>Ignored: its time is at or before the window start (<c>now − Window</c>).</summary>
    TooOld,

    /// <summary>Ignored: its time is more than <see cref="RollingTradeStatsOptions.MaxClockSkew"/> ahead of now.</summary>
    TooFarAhead,

    /// <summary>Ignored: price or size is zero or negative.</summary>
    Invalid,
}
