namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>Candle interval. Every interval is aligned to UTC by flooring from the Unix epoch (see <see cref="CandleIntervals"/>).</summary>
public enum CandleInterval
{
    /// <summary>1 minute (<c>1m</c>).</summary>
    OneMinute,

    /// <summary>5 minutes (<c>5m</c>): starts at :00, :05, ...</summary>
    FiveMinutes,

    /// <summary>15 minutes (<c>15m</c>).</summary>
    FifteenMinutes,

    /// <summary>1 hour (<c>1h</c>).</summary>
    OneHour,

    /// <summary>4 hours (<c>4h</c>): starts at 00:00, 04:00, ..., 20:00 UTC.</summary>
    FourHours,

    /// <summary>1 day (<c>1d</c>): starts at 00:00 UTC.</summary>
    OneDay,
}
