using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Books;

/// <summary>
/// One side of an L2 book: an ordered map price → size kept as an array-backed treap, so lookups,
/// inserts and removals are O(log n) expected and nothing is allocated once the arrays have grown
/// to the book's working size (freed nodes are reused through a free list).
/// </summary>
/// <remarks>Not thread-safe: a book is owned by one grain activation, which runs one turn at a time.</remarks>
internal sealed class PriceLevelTree
{
    private const int Nil = -1;

    private readonly bool _descending;
    private FixedDecimal[] _price;
    private FixedDecimal[] _size;
    private int[] _left;
    private int[] _right;
    private uint[] _priority;
    private int[] _stack;
    private int _root = Nil;
    private int _free = Nil;
    private int _highWater;
    private uint _seed = 2463534242;

    public PriceLevelTree(bool descending, int initialCapacity = 64)
    {
        _descending = descending;
        _price = new FixedDecimal[initialCapacity];
        _size = new FixedDecimal[initialCapacity];
        _left = new int[initialCapacity];
        _right = new int[initialCapacity];
        _priority = new uint[initialCapacity];
        _stack = new int[64];
    }

    public int Count { get; private set; }

    /// <summary>Sets the size at a price (size must be positive). Returns true when the level is new.</summary>
    public bool Set(FixedDecimal price, FixedDecimal size)
    {
        var node = Find(price);
        if (node != Nil)
        {
            // Keep the newest text for both price and size: checksums hash the latest text sent.
            _price[node] = price;
            _size[node] = size;
            return false;
        }

        var fresh = Allocate(price, size);
        _root = Insert(_root, fresh);
        Count++;
        return true;
    }

    public bool Remove(FixedDecimal price)
    {
        var removed = false;
        _root = Remove(_root, price, ref removed);
        if (removed)
        {
            Count--;
        }

        return removed;
    }

    public bool TryGet(FixedDecimal price, out FixedDecimal size)
    {
        var node = Find(price);
        size = node == Nil ? default : _size[node];
        return node != Nil;
    }

    public bool TryGetBest(out BookLevel level)
    {
        if (_root == Nil)
        {
            level = default;
            return false;
        }

        var node = _root;
        while (_left[node] != Nil)
        {
            node = _left[node];
        }

        level = new BookLevel(_price[node], _size[node]);
        return true;
    }

    public bool TryGetWorst(out BookLevel level)
    {
        if (_root == Nil)
        {
            level = default;
            return false;
        }

        var node = _root;
        while (_right[node] != Nil)
        {
            node = _right[node];
        }

        level = new BookLevel(_price[node], _size[node]);
        return true;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels, best first; returns how many.</summary>
    public int CopyTo(Span<BookLevel> destination)
    {
        var written = 0;
        var depth = 0;
        var node = _root;
        while ((node != Nil || depth > 0) && written < destination.Length)
        {
            while (node != Nil)
            {
                Push(ref depth, node);
                node = _left[node];
            }

            node = _stack[--depth];
            destination[written++] = new BookLevel(_price[node], _size[node]);
            node = _right[node];
        }

        return written;
    }

    /// <summary>Removes every level beyond the best <paramref name="keep"/>; returns how many were removed.</summary>
    public int TrimTo(int keep)
    {
        var removed = 0;
        while (Count > keep)
        {
            // Worst level = rightmost node.
            var node = _root;
            while (_right[node] != Nil)
            {
                node = _right[node];
            }

            Remove(_price[node]);
            removed++;
        }

        return removed;
    }

    public void Clear()
    {
        _root = Nil;
        _free = Nil;
        _highWater = 0;
        Count = 0;
    }

    private int Compare(FixedDecimal a, FixedDecimal b) => _descending ? b.CompareTo(a) : a.CompareTo(b);

    private int Find(FixedDecimal price)
    {
        var node = _root;
        while (node != Nil)
        {
            var c = Compare(price, _price[node]);
            if (c == 0)
            {
                return node;
            }

            node = c < 0 ? _left[node] : _right[node];
        }

        return Nil;
    }

    private int Insert(int root, int fresh)
    {
        if (root == Nil)
        {
            return fresh;
        }

        if (Compare(_price[fresh], _price[root]) < 0)
        {
            _left[root] = Insert(_left[root], fresh);
            if (_priority[_left[root]] > _priority[root])
            {
                root = RotateRight(root);
            }
        }
        else
        {
            _right[root] = Insert(_right[root], fresh);
            if (_priority[_right[root]] > _priority[root])
            {
                root = RotateLeft(root);
            }
        }

        return root;
    }

    private int Remove(int root, FixedDecimal price, ref bool removed)
    {
        if (root == Nil)
        {
            return Nil;
        }

        var c = Compare(price, _price[root]);
        if (c < 0)
        {
            _left[root] = Remove(_left[root], price, ref removed);
            return root;
        }

        if (c > 0)
        {
            _right[root] = Remove(_right[root], price, ref removed);
            return root;
        }

        removed = true;
        var merged = Merge(_left[root], _right[root]);
        Release(root);
        return merged;
    }

    private int Merge(int a, int b)
    {
        if (a == Nil)
        {
            return b;
        }

        if (b == Nil)
        {
            return a;
        }

        if (_priority[a] > _priority[b])
        {
            _right[a] = Merge(_right[a], b);
            return a;
        }

        _left[b] = Merge(a, _left[b]);
        return b;
    }

    private int RotateRight(int node)
    {
        var pivot = _left[node];
        _left[node] = _right[pivot];
        _right[pivot] = node;
        return pivot;
    }

    private int RotateLeft(int node)
    {
        var pivot = _right[node];
        _right[node] = _left[pivot];
        _left[pivot] = node;
        return pivot;
    }

    private int Allocate(FixedDecimal price, FixedDecimal size)
    {
        int node;
        if (_free != Nil)
        {
            node = _free;
            _free = _left[node];
        }
        else
        {
            if (_highWater == _price.Length)
            {
                Grow();
            }

            node = _highWater++;
        }

        _price[node] = price;
        _size[node] = size;
        _left[node] = Nil;
        _right[node] = Nil;
        _priority[node] = NextPriority();
        return node;
    }

    private void Release(int node)
    {
        _left[node] = _free;
        _free = node;
    }

    private uint NextPriority()
    {
        // xorshift32: deterministic, allocation-free, good enough to keep the treap balanced.
        var x = _seed;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _seed = x;
        return x;
    }

    private void Push(ref int depth, int node)
    {
        if (depth == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }

        _stack[depth++] = node;
    }

    private void Grow()
    {
        var capacity = _price.Length * 2;
        Array.Resize(ref _price, capacity);
        Array.Resize(ref _size, capacity);
        Array.Resize(ref _left, capacity);
        Array.Resize(ref _right, capacity);
        Array.Resize(ref _priority, capacity);
    }
}
