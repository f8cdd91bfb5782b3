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
        var crc = default(Crc32);
        Span<byte> text = stackalloc byte[(FixedDecimal.MaxFormattedLength * 2) + 2];
        var first = true;
        for (var i = 0; i < Levels; i++)
        {
            if (i < bids.Length)
            {
                AppendLevel(ref crc, bids[i], text, ref first);
            }

            if (i < asks.Length)
            {
                AppendLevel(ref crc, asks[i], text, ref first);
            }
        }

        return crc.Value;
    }

    /// <summary>The unsigned form of the signed <c>checksum</c> OKX sends, or null for OKX's "no checksum" 0 (2026).</summary>
    /// <param name="signed">The frame's <c>checksum</c> value.</param>
    /// <returns>The value to put on <c>BookEvent.Checksum</c>.</returns>
    public static uint? BookEventChecksum(long signed) => signed == 0 ? null : unchecked((uint)(int)signed);

    private static void AppendLevel(ref Crc32 crc, BookLevel level, Span<byte> text, ref bool first)
    {
        var at = 0;
        if (!first)
        {
            text[at++] = (byte)':';
        }

        first = false;
        level.Price.TryFormat(text[at..], out var written);
        at += written;
        text[at++] = (byte)':';
        level.Size.TryFormat(text[at..], out written);
        at += written;
        crc.Append(text[..at]);
    }
}
