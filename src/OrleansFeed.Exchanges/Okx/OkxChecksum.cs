using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// The OKX v5 order-book checksum (§6 "Checksum"): CRC-32 of <c>bid1px:bid1sz:ask1px:ask1sz:bid2px:…</c> over the
/// best 25 levels per side, interleaved bid then ask, the shorter side simply ending early, each number written
/// with its original text (<see cref="FixedDecimal"/> keeps the venue's scale). OKX sends the value as a signed
/// int32; <see cref="BookEventChecksum"/> reinterprets it as the unsigned value computed here.
/// </summary>
/// <remarks>Allocates nothing: levels are copied to the stack and formatted into a stack buffer.</remarks>
/// <seealso href="https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel"/>
public static class OkxChecksum
{
    /// <summary>Levels per side covered by the checksum.</summary>
    public const int Levels = 25;

    /// <summary>Computes the checksum of a book's best 25 levels per side.</summary>
    /// <param name="book">The book (prices in quote currency, sizes in base units or contracts).</param>
    /// <returns>The CRC-32, unsigned (compare with <c>unchecked((uint)checksum)</c>).</returns>
    public static uint Compute(OrderBook book)
    {
        Span<BookLevel> bids = stackalloc BookLevel[Levels];
        Span<BookLevel> asks = stackalloc BookLevel[Levels];
        var bidCount = book.CopyTop(BookSide.Bid, bids);
        var askCount = book.CopyTop(BookSide.Ask, asks);
        return Compute(bids[..bidCount], asks[..askCount]);
    }

    /// <summary>Computes the checksum of explicit level lists (best first).</summary>
    /// <param name="bids">Bids, best (highest) first; only the first 25 are used.</param>
    /// <param name="asks">Asks, best (lowest) first; only the first 25 are used.</param>
    /// <returns>The CRC-32, unsigned.</returns>
    public static uint Compute(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        // The whole text in one buffer, then one CRC pass: longer runs let the CRC take eight bytes per step.
        Span<byte> text = stackalloc byte[2 * Levels * ((FixedDecimal.MaxFormattedLength * 2) + 2)];
        var length = 0;
        for (var i = 0; i < Levels; i++)
        {
            if (i < bids.Length)
            {
                length = AppendLevel(bids[i], text, length);
            }

            if (i < asks.Length)
            {
                length = AppendLevel(asks[i], text, length);
            }
        }

        return length == 0 ? 0 : Crc32.Compute(text[..length]);
    }

    /// <summary>The unsigned form of the signed <c>checksum</c> OKX sends, or null for OKX's "no checksum" 0 (2026).</summary>
    /// <param name="signed">The frame's <c>checksum</c> value.</param>
    /// <returns>The value to put on <c>BookEvent.Checksum</c>.</returns>
    public static uint? BookEventChecksum(long signed) => signed == 0 ? null : unchecked((uint)(int)signed);

    private static int AppendLevel(BookLevel level, Span<byte> text, int at)
    {
        if (at != 0)
        {
            text[at++] = (byte)':';
        }

        level.Price.TryFormat(text[at..], out var written);
        at += written;
        text[at++] = (byte)':';
        level.Size.TryFormat(text[at..], out written);
        return at + written;
    }
}
