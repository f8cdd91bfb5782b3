namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>What happened to a trade offered to <see cref="CandleBuilder.OnTrade"/> (a metrics label).</summary>
public enum CandleTradeOutcome
{
    /// <summary>Added to the open candle.</summary>
    Accepted,

    /// <summary>Added to an already closed candle within the grace period; the amended candle is emitted.</summary>
    Amended,

    /// <summary>Ignored: its candle closed more than the grace period ago, or is no longer in the history.</summary>
    RejectedLate,

    /// <summary>Ignored: its time is more than <see cref="CandleBuilderOptions.MaxClockSkew"/> ahead of now.</summary>
    TooFarAhead,

    /// <summary>Ignored: price or size is zero or negative.</summary>
    Invalid,
}
