using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Kraken's book checksum (shared/docs/exchange-protocols.md §4 "Checksum algorithm (v2), step by step" and
/// "v1 differences", identical for both versions): the top 10 asks ascending then the top 10 bids descending,
/// each level as its price text then its quantity text with <c>.</c> removed and leading <c>0</c>s stripped,
/// concatenated and hashed with CRC-32; compared as an unsigned 32-bit value.
/// </summary>
/// <remarks>
/// The text is the venue's own: <see cref="FixedDecimal"/> keeps the scale it was parsed with, so
/// <c>"0.10000000"</c> hashes as <c>10000000</c> and <c>45281.0</c> as <c>452810</c> (§4: converting to a
/// number and back breaks the checksum). Allocates nothing; stateless and thread-safe (the book itself is not).
/// </remarks>
/// <seealso href="https://docs.kraken.com/api/docs/guides/spot-ws-book-v2"/>
public static class KrakenChecksum
{
    /// <summary>Levels per side the checksum covers, whatever the subscribed depth (§4 step 4).</summary>
    public const int Levels = 10;

    /// <summary>Computes the checksum of a book.</summary>
    /// <param name="book">The book after the update was applied and truncated to the subscribed depth.</param>
    /// <returns>The CRC-32 to compare with the venue's <c>checksum</c> (v2) or <c>c</c> (v1).</returns>
    public static uint Compute(OrderBook book)
    {
        // The whole text in one buffer, then one CRC pass: longer runs let the CRC take eight bytes per step.
        Span<BookLevel> top = stackalloc BookLevel[Levels];
        Span<byte> text = stackalloc byte[Levels * 4 * FixedDecimal.MaxFormattedLength];
        var count = book.CopyTop(BookSide.Ask, top);
        var length = AppendLevels(top[..count], text, 0);
        count = book.CopyTop(BookSide.Bid, top);
        length = AppendLevels(top[..count], text, length);
        return Crc32.Compute(text[..length]);
    }

    /// <summary>Writes one number's checksum text: its text with <c>.</c> removed and leading zeros stripped.</summary>
    /// <param name="value">The price or quantity, at the venue's scale.</param>
    /// <param name="destination">At least <see cref="FixedDecimal.MaxFormattedLength"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int FormatLevelText(FixedDecimal value, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[FixedDecimal.MaxFormattedLength];
        value.TryFormat(text, out var length);
        var written = 0;
        foreach (var b in text[..length])
        {
            if (b == (byte)'.' || (b == (byte)'0' && written == 0))
            {
                continue;
            }

            destination[written++] = b;
        }

        return written;
    }

    private static int AppendLevels(ReadOnlySpan<BookLevel> levels, Span<byte> text, int at)
    {
        foreach (ref readonly var level in levels)
        {
            at = AppendStripped(level.Price, text, at);
            at = AppendStripped(level.Size, text, at);
        }

        return at;
    }

    /// <summary><see cref="FormatLevelText"/> written in place: format at <paramref name="at"/>, then drop the point and leading zeros.</summary>
    /// <param name="value">The price or quantity.</param>
    /// <param name="text">The buffer; at least <see cref="FixedDecimal.MaxFormattedLength"/> bytes from <paramref name="at"/>.</param>
    /// <param name="at">Where to write.</param>
    /// <returns>The position after the written text.</returns>
    internal static int AppendStripped(FixedDecimal value, Span<byte> text, int at)
    {
        value.TryFormat(text[at..], out var length);
        var written = at;
        for (var i = at; i < at + length; i++)
        {
            var b = text[i];
            if (b == (byte)'.' || (b == (byte)'0' && written == at))
            {
                continue;
            }

            text[written++] = b;
        }

        return written;
    }
}
