using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// The Bitfinex book checksum (OB_CHECKSUM, conf flag 131072): CRC-32 of the text
/// <c>bid0.price:bid0.amount:ask0.price:ask0.amount:bid1.price:…</c> over the 25 best bids and 25 best asks, interleaved,
/// a side that runs out simply contributing nothing, ask amounts negative; sent as a signed 32-bit integer.
/// </summary>
/// <remarks>
/// Number text follows Bitfinex's reference client (bitfinexcom/bfx-api-node-models <c>OrderBook.checksum</c>, which
/// joins JavaScript numbers with <c>:</c>): no trailing fraction zeros; prices always in plain decimal form (the client
/// "converts exp prices to fixed": <c>1.7e-8</c> → <c>0.000000017</c>); amounts as JavaScript prints them, in exponent
/// form below 1e-6 (<c>-3.5e-7</c>). The recordings were made without OB_CHECKSUM, so the rule is checked against the
/// reference client's published examples and hand-built books only, not live <c>cs</c> frames. Allocates nothing.
/// </remarks>
/// <seealso href="https://docs.bitfinex.com/docs/ws-websocket-checksum"/>
public static class BitfinexChecksum
{
    /// <summary>Levels per side covered by the checksum.</summary>
    public const int Depth = 25;

    /// <summary>Computes the checksum of a P-precision book.</summary>
    /// <param name="book">The book (sizes positive, base units).</param>
    /// <returns>The CRC-32 bits (compare with the venue's signed value reinterpreted as unsigned).</returns>
    public static uint Compute(OrderBook book)
    {
        Span<BookLevel> bids = stackalloc BookLevel[Depth];
        Span<BookLevel> asks = stackalloc BookLevel[Depth];
        var bidCount = book.CopyTop(BookSide.Bid, bids);
        var askCount = book.CopyTop(BookSide.Ask, asks);
        Span<byte> text = stackalloc byte[FixedDecimal.MaxFormattedLength + 8];
        var crc = default(Crc32);
        var first = true;
        for (var i = 0; i < Depth; i++)
        {
            if (i < bidCount)
            {
                Append(ref crc, bids[i].Price, negate: false, exponent: false, text, ref first);
                Append(ref crc, bids[i].Size, negate: false, exponent: true, text, ref first);
            }

            if (i < askCount)
            {
                Append(ref crc, asks[i].Price, negate: false, exponent: false, text, ref first);
                Append(ref crc, asks[i].Size, negate: true, exponent: true, text, ref first);
            }
        }

        return crc.Value;
    }

    /// <summary>Writes a number for the checksum text (see remarks): shortest decimal, optionally JavaScript's exponent form below 1e-6.</summary>
    /// <param name="value">The value.</param>
    /// <param name="negate">Write the negated value (ask amounts).</param>
    /// <param name="exponent">True for amounts (JavaScript <c>toString</c>: <c>3.5e-7</c>), false for prices (always plain decimal).</param>
    /// <param name="destination">At least <see cref="FixedDecimal.MaxFormattedLength"/> + 8 bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int Format(FixedDecimal value, bool negate, bool exponent, Span<byte> destination)
    {
        Span<byte> raw = stackalloc byte[FixedDecimal.MaxFormattedLength];
        value.TryFormat(raw, out var length);
        ReadOnlySpan<byte> text = raw[..length];
        var negative = negate != value.IsNegative && !value.IsZero;
        if (text[0] == (byte)'-')
        {
            text = text[1..];
        }

        if (text.IndexOf((byte)'.') >= 0)
        {
            text = text.TrimEnd((byte)'0').TrimEnd((byte)'.');
        }

        var written = 0;
        if (negative)
        {
            destination[written++] = (byte)'-';
        }

        if (exponent && text.Length > 8 && text.StartsWith("0.000000"u8))
        {
            // Below 1e-6: d[.ddd]e-N.
            var fraction = text[2..];
            var leadingZeros = fraction.IndexOfAnyExcept((byte)'0');
            var digits = fraction[leadingZeros..];
            destination[written++] = digits[0];
            if (digits.Length > 1)
            {
                destination[written++] = (byte)'.';
                digits[1..].CopyTo(destination[written..]);
                written += digits.Length - 1;
            }

            destination[written++] = (byte)'e';
            destination[written++] = (byte)'-';
            var power = leadingZeros + 1;
            if (power >= 10)
            {
                destination[written++] = (byte)('0' + (power / 10));
            }

            destination[written++] = (byte)('0' + (power % 10));
            return written;
        }

        text.CopyTo(destination[written..]);
        return written + text.Length;
    }

    private static void Append(ref Crc32 crc, FixedDecimal value, bool negate, bool exponent, Span<byte> buffer, ref bool first)
    {
        if (!first)
        {
            crc.Append(":"u8);
        }

        first = false;
        var length = Format(value, negate, exponent, buffer);
        crc.Append(buffer[..length]);
    }
}
