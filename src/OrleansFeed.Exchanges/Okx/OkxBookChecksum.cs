using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// <see cref="OkxChecksum.Compute(OrderBook)"/> for one book, kept up to date between updates: the best 25 bids and
/// asks keep their text (<see cref="TopLevelText{TFormat}"/>), only values new in the top 25 are formatted again, and
/// an update that changed nothing inside the top 25 returns the previous CRC without hashing. Same result as
/// <see cref="OkxChecksum.Compute(OrderBook)"/> for every book (tested on every recorded update).
/// </summary>
/// <remarks>Allocates only in the constructor. Not thread-safe: the book's sync owns it.</remarks>
public sealed class OkxBookChecksum
{
    private readonly TopLevelText<OkxLevelText> _bids = new(OkxChecksum.Levels);
    private readonly TopLevelText<OkxLevelText> _asks = new(OkxChecksum.Levels);
    private uint _last;

    /// <summary>The checksum of <paramref name="book"/> now (the same book on every call).</summary>
    /// <param name="book">The book after the update.</param>
    /// <returns>The CRC-32, unsigned; 0 for an empty book (as <see cref="OkxChecksum.Compute(OrderBook)"/>).</returns>
    public uint Compute(OrderBook book)
    {
        // Both sides refresh on every call: each must see every update to stay current.
        var changed = _bids.Refresh(book, BookSide.Bid);
        changed |= _asks.Refresh(book, BookSide.Ask);
        if (!changed)
        {
            return _last;
        }

        // bid1px:bid1sz:ask1px:ask1sz:bid2px:… (§6), the shorter side ending early.
        Span<byte> text = stackalloc byte[(2 * OkxChecksum.Levels * ((FixedDecimal.MaxFormattedLength * 2) + 2)) + TopLevelText<OkxLevelText>.Slack];
        var length = 0;
        for (var i = 0; i < OkxChecksum.Levels; i++)
        {
            if (i < _bids.Count)
            {
                length = Append(_bids, i, text, length);
            }

            if (i < _asks.Count)
            {
                length = Append(_asks, i, text, length);
            }
        }

        _last = length == 0 ? 0 : Crc32.Compute(text[..length]);
        return _last;
    }

    private static int Append(TopLevelText<OkxLevelText> side, int index, Span<byte> text, int at)
    {
        if (at != 0)
        {
            text[at++] = (byte)':';
        }

        return side.AppendLevel(index, text, at);
    }
}
