namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>A book as decimal (price, size) levels, best first, for comparing the silo with an independent rebuild.</summary>
public sealed record RefBook(IReadOnlyList<(decimal Price, decimal Size)> Bids, IReadOnlyList<(decimal Price, decimal Size)> Asks)
{
    public bool Equals(RefBook? other) => other is not null && Bids.SequenceEqual(other.Bids) && Asks.SequenceEqual(other.Asks);

    public override int GetHashCode() => HashCode.Combine(Bids.Count, Asks.Count);

    public static RefBook From(IEnumerable<KeyValuePair<decimal, decimal>> bids, IEnumerable<KeyValuePair<decimal, decimal>> asks) =>
        new([.. bids.Select(kv => (kv.Key, kv.Value))], [.. asks.Select(kv => (kv.Key, kv.Value))]);
}
