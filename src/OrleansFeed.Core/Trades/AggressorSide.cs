namespace OrleansFeed.Core.Trades;

/// <summary>The side of the taker (aggressor) of a trade.</summary>
public enum AggressorSide : byte
{
    /// <summary>The venue does not say.</summary>
    Unknown,

    /// <summary>The taker bought (lifted an ask).</summary>
    Buy,

    /// <summary>The taker sold (hit a bid).</summary>
    Sell,
}
