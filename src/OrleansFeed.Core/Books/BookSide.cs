namespace OrleansFeed.Core.Books;

/// <summary>A side of an order book.</summary>
public enum BookSide : byte
{
    /// <summary>Bids: buy orders, best = highest price.</summary>
    Bid,

    /// <summary>Asks (offers): sell orders, best = lowest price.</summary>
    Ask,
}
