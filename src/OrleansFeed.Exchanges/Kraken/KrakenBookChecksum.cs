using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// <see cref="KrakenChecksum.Compute"/> for one book, kept up to date between updates: the top 10 asks and bids
/// keep their checksum text (<see cref="TopLevelText{TFormat}"/>), only values new in the top 10 are formatted again,
/// and an update that changed nothing inside the top 10 (most of a 1000-level book's) returns the previous CRC
/// without hashing. Same result as <see cref="KrakenChecksum.Compute"/> for every book (tested on every recorded update).
/// </summary>
/// <remarks>Allocates only in the constructor. Not thread-safe: the book's sync owns it.</remarks>
public sealed class KrakenBookChecksum
{
    private readonly TopLevelText<KrakenLevelText> _asks = new(KrakenChecksum.Levels);
    private readonly TopLevelText<KrakenLevelText> _bids = new(KrakenChecksum.Levels);
    private uint _last;

    /// <summary>The checksum of <paramref name="book"/> now (the same book on every call).</summary>
    /// <param name="book">The book after the update was applied and truncated to the subscribed depth.</param>
    /// <returns>The CRC-32 to compare with the venue's.</returns>
    public uint Compute(OrderBook book)
    {
        // Both sides refresh on every call: each must see every update to stay current.
        var changed = _asks.Refresh(book, BookSide.Ask);
        changed |= _bids.Refresh(book, BookSide.Bid);
        if (!changed)
        {
            return _last;
        }

        Span<byte> text = stackalloc byte[(KrakenChecksum.Levels * 4 * FixedDecimal.MaxFormattedLength) + TopLevelText<KrakenLevelText>.Slack];
        var length = Append(_asks, text, 0);
        length = Append(_bids, text, length);
        _last = Crc32.Compute(text[..length]);
        return _last;
    }

    private static int Append(TopLevelText<KrakenLevelText> side, Span<byte> text, int at)
    {
        for (var i = 0; i < side.Count; i++)
        {
            at = side.AppendLevel(i, text, at);
        }

        return at;
    }
}
