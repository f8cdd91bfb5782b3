using System.Numerics;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// The payload buffers of the <see cref="BridgeQueue"/>: power-of-two size classes from 256 B to 1 MiB, each keeping
/// up to the queue's capacity of returned buffers, so a burst that fills the queue is served from the pool the next
/// time instead of allocating.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Buffers.ArrayPool{T}.Shared"/>: buffers are rented on the stream pumps and returned on
/// the publisher's thread, and the shared pool keeps only a few dozen arrays per size per core, so any backlog of more
/// than that allocated afresh (about 1 KB per book delta in <c>BridgePublishBench</c>). Retained memory is bounded by
/// what the queue itself held at its peak. Payloads above 1 MiB are allocated and not kept. Thread-safe (one short
/// lock per class: many pumps rent, one publisher returns).
/// </remarks>
internal sealed class BridgeBufferPool
{
    private const int MinShift = 8;
    private const int MaxShift = 20;

    private readonly SizeClass[] _classes;

    public BridgeBufferPool(int maxPerClass)
    {
        _classes = new SizeClass[MaxShift - MinShift + 1];
        for (var i = 0; i < _classes.Length; i++)
        {
            _classes[i] = new SizeClass(1 << (MinShift + i), maxPerClass);
        }
    }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes (contents undefined).</summary>
    public byte[] Rent(int minimumLength)
    {
        var index = ClassOf(minimumLength);
        return index < _classes.Length ? _classes[index].Rent() : GC.AllocateUninitializedArray<byte>(minimumLength);
    }

    /// <summary>Takes a buffer back; one whose length is not a class size (not ours) is left to the GC.</summary>
    public void Return(byte[] buffer)
    {
        var index = ClassOf(buffer.Length);
        if (index < _classes.Length && _classes[index].Size == buffer.Length)
        {
            _classes[index].Return(buffer);
        }
    }

    private static int ClassOf(int length) =>
        length <= 1 << MinShift ? 0 : BitOperations.Log2((uint)length - 1) + 1 - MinShift;

    private sealed class SizeClass(int size, int max)
    {
        private readonly Lock _lock = new();
        private byte[][] _free = new byte[16][];
        private int _count;

        public int Size { get; } = size;

        public byte[] Rent()
        {
            lock (_lock)
            {
                if (_count > 0)
                {
                    var buffer = _free[--_count];
                    _free[_count] = null!;
                    return buffer;
                }
            }

            return GC.AllocateUninitializedArray<byte>(Size);
        }

        public void Return(byte[] buffer)
        {
            lock (_lock)
            {
                if (_count == max)
                {
                    return;
                }

                // Grows only while the backlog reaches new highs (warm-up); steady state reuses the slots.
                if (_count == _free.Length)
                {
                    Array.Resize(ref _free, Math.Min(max, _free.Length * 2));
                }

                _free[_count++] = buffer;
            }
        }
    }
}
