namespace OrleansFeed.Redis.LastValues;

/// <summary>The last-value kinds, the <c>{kind}</c> segment of <c>{prefix}:lv:{kind}:{id}</c>.</summary>
public static class LastValueKinds
{
    /// <summary>24 h ticker of one venue-symbol; id <c>{venue}:{symbol}</c>.</summary>
    public const string Ticker = "ticker";

    /// <summary>Best bid and offer of one venue-symbol; id <c>{venue}:{symbol}</c>.</summary>
    public const string Bbo = "bbo";

    /// <summary>National (cross-venue) best bid and offer of one instrument; id is the instrument.</summary>
    public const string Nbbo = "nbbo";

    /// <summary>Rolling statistics (volume, VWAP, OHLC) of one venue-symbol or instrument.</summary>
    public const string Stats = "stats";
}
