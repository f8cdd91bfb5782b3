using System.Buffers;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Books;

/// <summary>
/// One side of an L2 book: its levels kept sorted best first in one contiguous run of a pooled array, with free slots
/// on both sides of the run (a double-ended gap buffer). Market data touches the top of the book far more than the
/// rest, so a lookup gallops from the best level (O(log k) for the k-th level, not O(log n)), an insert or removal
/// shifts whichever side of the run is shorter (a handful of levels near the touch), and a snapshot arriving best
/// first appends at the far end in O(1) each, so loading n sorted levels is O(n).
/// </summary>
/// <remarks>
/// <para>Storage is rented from <see cref="ArrayPool{T}.Shared"/> and kept across <see cref="Clear"/>: once it has
/// grown to the book's working size, updates and snapshot loads allocate nothing.</para>
/// <para>Not thread-safe: a book is owned by one grain activation, which runs one turn at a time.</para>
/// </remarks>
internal sealed class PriceLevelArray
{
    private const int InitialCapacity = 64;

    // +1 for asks (lowest price first), -1 for bids (highest price first).
    private readonly int _direction;
    private BookLevel[] _levels;
    private int _head;

    public PriceLevelArray(bool descending)
    {
        _direction = descending ? -1 : 1;
        _levels = ArrayPool<BookLevel>.Shared.Rent(InitialCapacity);
        _head = _levels.Length / 4;
    }

    public int Count { get; private set; }

    /// <summary>Sets the size at a price (size must be positive); a new level is refused once the side holds <paramref name="maxLevels"/>.</summary>
    public BookUpdateResult Set(FixedDecimal price, FixedDecimal size, int maxLevels)
    {
        var index = Search(price);
        if (index >= 0)
        {
            // Keep the newest text for both price and size: checksums hash the latest text sent.
            _levels[_head + index] = new BookLevel(price, size);
            return BookUpdateResult.Updated;
        }

        if (Count >= maxLevels)
        {
            return BookUpdateResult.RejectedTooManyLevels;
        }

        InsertAt(~index, new BookLevel(price, size));
        return BookUpdateResult.Inserted;
    }

    public bool Remove(FixedDecimal price)
    {
        var index = Search(price);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public bool TryGet(FixedDecimal price, out FixedDecimal size)
    {
        var index = Search(price);
        size = index < 0 ? default : _levels[_head + index].Size;
        return index >= 0;
    }

    public bool TryGetBest(out BookLevel level)
    {
        level = Count == 0 ? default : _levels[_head];
        return Count != 0;
    }

    public bool TryGetWorst(out BookLevel level)
    {
        level = Count == 0 ? default : _levels[_head + Count - 1];
        return Count != 0;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels, best first; returns how many.</summary>
    public int CopyTo(Span<BookLevel> destination)
    {
        var written = Math.Min(destination.Length, Count);
        _levels.AsSpan(_head, written).CopyTo(destination);
        return written;
    }

    /// <summary>Removes every level beyond the best <paramref name="keep"/>; returns how many were removed.</summary>
    public int TrimTo(int keep)
    {
        var removed = Math.Max(0, Count - Math.Max(keep, 0));
        Count -= removed;
        return removed;
    }

    public void Clear()
    {
        Count = 0;

        // A snapshot arrives best first and appends at the far end; leave most of the room there.
        _head = _levels.Length / 4;
    }

    /// <summary>The level's position from the best (0 = best) when present, else the bitwise complement of where it goes.</summary>
    private int Search(FixedDecimal price)
    {
        var count = Count;
        if (count == 0)
        {
            return ~0;
        }

        var levels = _levels.AsSpan(_head, count);
        var c = Compare(price, levels[0].Price);
        if (c <= 0)
        {
            return c == 0 ? 0 : ~0;
        }

        c = Compare(price, levels[count - 1].Price);
        if (c >= 0)
        {
            return c == 0 ? count - 1 : ~count;
        }

        // Gallop from the touch: the price lies strictly between levels[lo] and levels[hi].
        int lo = 0, hi = count - 1, step = 1;
        while (lo + step < hi)
        {
            var probe = lo + step;
            c = Compare(price, levels[probe].Price);
            if (c == 0)
            {
                return probe;
            }

            if (c < 0)
            {
                hi = probe;
                break;
            }

            lo = probe;
            step <<= 1;
        }

        lo++;
        hi--;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            c = Compare(price, levels[mid].Price);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return ~lo;
    }

    /// <summary>Negative when <paramref name="price"/> is better (nearer the touch) than <paramref name="other"/>.</summary>
    private int Compare(FixedDecimal price, FixedDecimal other)
    {
        // Prices of one symbol nearly always share the venue's scale: compare mantissas without rescaling.
        var c = price.Scale == other.Scale ? price.Mantissa.CompareTo(other.Mantissa) : price.CompareTo(other);
        return c * _direction;
    }

    private void InsertAt(int index, BookLevel level)
    {
        var count = Count;
        var front = index <= count - index;
        if (front ? _head == 0 : _head + count == _levels.Length)
        {
            MakeRoom();
        }

        if (front)
        {
            _levels.AsSpan(_head, index).CopyTo(_levels.AsSpan(_head - 1));
            _head--;
        }
        else
        {
            _levels.AsSpan(_head + index, count - index).CopyTo(_levels.AsSpan(_head + index + 1));
        }

        _levels[_head + index] = level;
        Count = count + 1;
    }

    private void RemoveAt(int index)
    {
        var count = Count;
        if (index < count - 1 - index)
        {
            _levels.AsSpan(_head, index).CopyTo(_levels.AsSpan(_head + 1));
            _head++;
        }
        else
        {
            _levels.AsSpan(_head + index + 1, count - index - 1).CopyTo(_levels.AsSpan(_head + index));
        }

        Count = count - 1;
    }

    /// <summary>
    /// Re-centres the run when a quarter or more of the array is free (so both ends get room again), else moves it to
    /// an array twice the size: either way the O(n) move buys Ω(n) cheap inserts, so inserts stay O(1) amortised.
    /// </summary>
    private void MakeRoom()
    {
        var count = Count;
        var free = _levels.Length - count;
        if (free >= _levels.Length / 4)
        {
            var head = free / 2;
            _levels.AsSpan(_head, count).CopyTo(_levels.AsSpan(head));
            _head = head;
            return;
        }

        var bigger = ArrayPool<BookLevel>.Shared.Rent(_levels.Length * 2);
        var newHead = (bigger.Length - count) / 2;
        _levels.AsSpan(_head, count).CopyTo(bigger.AsSpan(newHead));
        ArrayPool<BookLevel>.Shared.Return(_levels);
        _levels = bigger;
        _head = newHead;
    }
}
