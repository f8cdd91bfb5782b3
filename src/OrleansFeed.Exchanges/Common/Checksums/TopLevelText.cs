using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Common.Checksums;

/// <summary>
/// The checksum text of the best N levels of one book side, kept between updates: each refresh re-formats only the
/// values that are new in the top N (a price or size whose mantissa or scale differs from the level cached at that
/// price), keeps the others' text (in place when the prices are where they were, copied from the previous refresh
/// when levels entered or left), and says whether the side's text changed at all. Kraken (top 10) and OKX (top 25)
/// checksum after every update, and most updates touch one or two levels, or none inside the top N; formatting every
/// value on every update was most of a checksum session's time (docs/benchmarks.md).
/// </summary>
/// <typeparam name="TFormat">The venue's text of one value and the separator between a level's price and size
/// (<c>KrakenLevelText</c>: point and leading zeros dropped, no separator; <c>OkxLevelText</c>: as received, <c>:</c>).</typeparam>
/// <remarks>
/// Each level's text is held whole (<c>price</c>, separator, <c>size</c>) so a checksum appends one run per level.
/// Text identity is by value and scale: <c>45281.0</c> and <c>45281.00</c> are equal numbers but different texts, so
/// a value is reused only when mantissa and scale are both the same. Two buffers swap when levels move; nothing is
/// allocated after construction. Not thread-safe: one book's owner calls it.
/// </remarks>
public sealed class TopLevelText<TFormat>
    where TFormat : struct, ILevelTextFormat
{
    /// <summary>Bytes reserved per level: two formatted values, a separator, and room for a 32-byte block read.</summary>
    private const int Slot = 96;

    /// <summary>Level texts up to this long are appended as one 32-byte block copy.</summary>
    private const int Block = 32;

    private readonly int _levels;
    private Side _current;
    private Side _next;

    /// <summary>Creates an empty cache for the best <paramref name="levels"/> levels.</summary>
    /// <param name="levels">Levels covered, e.g. 10 (Kraken) or 25 (OKX).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="levels"/> is not positive.</exception>
    public TopLevelText(int levels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        _levels = levels;
        _current = new Side(levels);
        _next = new Side(levels);
    }

    /// <summary>Bytes a destination needs beyond the text it receives from <see cref="AppendLevel"/> (block copies).</summary>
    public static int Slack => Block;

    /// <summary>Levels held after the last refresh (at most the constructor's <c>levels</c>).</summary>
    public int Count => _current.Count;

    /// <summary>Reads the side's best levels from <paramref name="book"/> and brings the text up to date.</summary>
    /// <param name="book">The book after the update.</param>
    /// <param name="side">Which side this cache holds (the same on every call).</param>
    /// <returns>True when the side's levels (and so its text) differ from the previous refresh, or on the first refresh.</returns>
    public bool Refresh(OrderBook book, BookSide side)
    {
        ArgumentNullException.ThrowIfNull(book);
        var previous = _current;
        var next = _next;
        next.Count = book.CopyTop(side, next.Levels.AsSpan(0, _levels));
        if (previous.Valid && SamePrices(previous, next))
        {
            // The same prices at the same places (most updates: none inside the top N, or a size at the touch):
            // format the sizes that changed in place, copy nothing.
            return UpdateSizes(previous, next);
        }

        var ascending = side == BookSide.Ask;
        var j = 0;
        for (var i = 0; i < next.Count; i++)
        {
            ref readonly var level = ref next.Levels[i];
            // Both lists are in book order: skip cached levels that sort before this one (they left the top N).
            while (j < previous.Count && Before(previous.Levels[j].Price, level.Price, ascending))
            {
                j++;
            }

            if (previous.Valid && j < previous.Count && SameText(previous.Levels[j].Price, level.Price))
            {
                var priceLength = previous.PriceLength[j];
                previous.Text.AsSpan(j * Slot, priceLength).CopyTo(next.Text.AsSpan(i * Slot));
                next.PriceLength[i] = priceLength;
                next.LevelLength[i] = SameText(previous.Levels[j].Size, level.Size)
                    ? CopyRest(previous, j, next, i)
                    : WriteSize(level.Size, next, i);
                j++;
            }
            else
            {
                next.PriceLength[i] = (byte)TFormat.Format(level.Price, next.Text.AsSpan(i * Slot, FixedDecimal.MaxFormattedLength));
                next.LevelLength[i] = WriteSize(level.Size, next, i);
            }
        }

        next.Valid = true;
        _current = next;
        _next = previous;
        return true;
    }

    /// <summary>The whole text of level <paramref name="index"/> (best first): price, separator, size.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <returns>The bytes, valid until the next refresh.</returns>
    public ReadOnlySpan<byte> Level(int index) => _current.Text.AsSpan(index * Slot, _current.LevelLength[index]);

    /// <summary>Appends level <paramref name="index"/>'s text to <paramref name="destination"/> at <paramref name="at"/>.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <param name="destination">The checksum text being built, with <see cref="Slack"/> spare bytes after the text.</param>
    /// <param name="at">Where to write.</param>
    /// <returns>The position after the level's text.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AppendLevel(int index, Span<byte> destination, int at)
    {
        var length = _current.LevelLength[index];
        var source = _current.Text.AsSpan(index * Slot, Slot);
        if (length <= Block && destination.Length - at >= Block)
        {
            // One 32-byte block instead of a length-dependent copy: the bytes past the text are overwritten next.
            Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source)).StoreUnsafe(ref MemoryMarshal.GetReference(destination[at..]));
        }
        else
        {
            source[..length].CopyTo(destination[at..]);
        }

        return at + length;
    }

    private static bool SamePrices(Side previous, Side next)
    {
        if (previous.Count != next.Count)
        {
            return false;
        }

        var a = previous.Levels.AsSpan(0, previous.Count);
        var b = next.Levels.AsSpan(0, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            if (!SameText(a[i].Price, b[i].Price))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Brings <paramref name="current"/>'s sizes to <paramref name="next"/>'s (same prices): true when any changed.</summary>
    private static bool UpdateSizes(Side current, Side next)
    {
        var changed = false;
        for (var i = 0; i < current.Count; i++)
        {
            var size = next.Levels[i].Size;
            if (!SameText(current.Levels[i].Size, size))
            {
                current.Levels[i] = next.Levels[i];
                current.LevelLength[i] = WriteSize(size, current, i);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Writes the separator and <paramref name="size"/> after level <paramref name="index"/>'s price text; returns the level's length.</summary>
    private static byte WriteSize(FixedDecimal size, Side side, int index)
    {
        var at = (index * Slot) + side.PriceLength[index];
        var separator = TFormat.Separator;
        separator.CopyTo(side.Text.AsSpan(at));
        at += separator.Length;
        var written = TFormat.Format(size, side.Text.AsSpan(at, FixedDecimal.MaxFormattedLength));
        return (byte)(at + written - (index * Slot));
    }

    /// <summary>Copies the separator and size text of cached level <paramref name="from"/> after the price of level <paramref name="to"/>.</summary>
    private static byte CopyRest(Side previous, int from, Side next, int to)
    {
        var price = previous.PriceLength[from];
        var length = previous.LevelLength[from];
        previous.Text.AsSpan((from * Slot) + price, length - price).CopyTo(next.Text.AsSpan((to * Slot) + price));
        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(FixedDecimal cached, FixedDecimal price, bool ascending) =>
        ascending ? cached < price : cached > price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameText(FixedDecimal a, FixedDecimal b) => a.Mantissa == b.Mantissa && a.Scale == b.Scale;

    /// <summary>One refresh's levels and their text: bytes <c>[i × Slot, i × Slot + LevelLength[i])</c> hold level i.</summary>
    private sealed class Side(int levels)
    {
        public BookLevel[] Levels { get; } = new BookLevel[levels];

        public byte[] Text { get; } = new byte[levels * Slot];

        public byte[] PriceLength { get; } = new byte[levels];

        public byte[] LevelLength { get; } = new byte[levels];

        public int Count { get; set; }

        public bool Valid { get; set; }
    }
}
