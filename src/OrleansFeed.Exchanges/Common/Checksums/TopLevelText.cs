using System.Runtime.CompilerServices;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Common.Checksums;

/// <summary>
/// The checksum text of the best N levels of one book side, kept between updates: each refresh re-formats only the
/// values that are new in the top N (a price or size whose mantissa or scale differs from every level cached at that
/// price), copies the others' text from the previous refresh, and says whether the side's text changed at all. Kraken
/// (top 10) and OKX (top 25) checksum after every update, and most updates touch one or two levels, or none inside
/// the top N; formatting every value on every update was most of a checksum session's time (docs/benchmarks.md).
/// </summary>
/// <typeparam name="TFormat">The venue's text of one value (<c>KrakenChecksum</c>: point and leading zeros dropped;
/// OKX: as received).</typeparam>
/// <remarks>
/// Text identity is by value and scale: <c>45281.0</c> and <c>45281.00</c> are equal numbers but different texts, so
/// a value is reused only when mantissa and scale are both the same. Two buffers swap on each refresh; nothing is
/// allocated after construction. Not thread-safe: one book's owner calls it.
/// </remarks>
public sealed class TopLevelText<TFormat>
    where TFormat : struct, ILevelTextFormat
{
    /// <summary>Bytes reserved per formatted value.</summary>
    private const int Slot = FixedDecimal.MaxFormattedLength;

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
        var changed = !previous.Valid || next.Count != previous.Count;
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

            var cached = previous.Valid && j < previous.Count && SameText(previous.Levels[j].Price, level.Price);
            next.PriceLength[i] = cached ? Copy(previous, 2 * j, next, 2 * i) : Format(level.Price, next, 2 * i);
            var sameSize = cached && SameText(previous.Levels[j].Size, level.Size);
            next.SizeLength[i] = sameSize ? Copy(previous, (2 * j) + 1, next, (2 * i) + 1) : Format(level.Size, next, (2 * i) + 1);
            changed |= !sameSize || j != i;
            j += cached ? 1 : 0;
        }

        next.Valid = true;
        _current = next;
        _next = previous;
        return changed;
    }

    /// <summary>The text of level <paramref name="index"/>'s price (best first).</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <returns>The bytes, valid until the next refresh.</returns>
    public ReadOnlySpan<byte> Price(int index) => _current.Text.AsSpan(2 * index * Slot, _current.PriceLength[index]);

    /// <summary>The text of level <paramref name="index"/>'s size (best first).</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <returns>The bytes, valid until the next refresh.</returns>
    public ReadOnlySpan<byte> Size(int index) => _current.Text.AsSpan(((2 * index) + 1) * Slot, _current.SizeLength[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(FixedDecimal cached, FixedDecimal price, bool ascending) =>
        ascending ? cached < price : cached > price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameText(FixedDecimal a, FixedDecimal b) => a.Mantissa == b.Mantissa && a.Scale == b.Scale;

    private static byte Copy(Side from, int fromSlot, Side to, int toSlot)
    {
        var length = (fromSlot & 1) == 0 ? from.PriceLength[fromSlot / 2] : from.SizeLength[fromSlot / 2];
        from.Text.AsSpan(fromSlot * Slot, length).CopyTo(to.Text.AsSpan(toSlot * Slot));
        return length;
    }

    private static byte Format(FixedDecimal value, Side to, int toSlot) =>
        (byte)TFormat.Format(value, to.Text.AsSpan(toSlot * Slot, Slot));

    /// <summary>One refresh's levels and their text: slot 2i the price of level i, slot 2i + 1 its size.</summary>
    private sealed class Side(int levels)
    {
        public BookLevel[] Levels { get; } = new BookLevel[levels];

        public byte[] Text { get; } = new byte[2 * levels * Slot];

        public byte[] PriceLength { get; } = new byte[levels];

        public byte[] SizeLength { get; } = new byte[levels];

        public int Count { get; set; }

        public bool Valid { get; set; }
    }
}
