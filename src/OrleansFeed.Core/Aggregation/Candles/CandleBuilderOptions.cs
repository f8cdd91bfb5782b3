namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>Settings of a <see cref="CandleBuilder"/>. Immutable; change with <c>with</c>.</summary>
public sealed record CandleBuilderOptions
{
    /// <summary>Defaults: 10 s grace, 1440 closed candles kept, 5 s clock skew.</summary>
    public static CandleBuilderOptions Default { get; } = new();

    /// <summary>
    /// How long after a candle's end a late trade may still amend it, measured as <c>now − End</c> (inclusive).
    /// Default 10 s; 0 or more.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Closed candles kept for queries and amendment (1..1,000,000, default 1440: one day of 1m candles).</summary>
    public int HistoryCapacity { get; init; } = 1440;

    /// <summary>How far a trade's exchange time may be ahead of <c>now</c> and still be accepted. Default 5 s; 0 or more.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range; the message names the key.</exception>
    public void Validate()
    {
        if (GracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(GracePeriod), GracePeriod, "Aggregation:Candles:GracePeriod must not be negative.");
        }

        if (HistoryCapacity is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(HistoryCapacity), HistoryCapacity, "Aggregation:Candles:HistoryCapacity must be within 1..1000000.");
        }

        if (MaxClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClockSkew), MaxClockSkew, "Aggregation:Candles:MaxClockSkew must not be negative.");
        }
    }
}
