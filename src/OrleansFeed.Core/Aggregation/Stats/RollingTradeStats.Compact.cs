using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Aggregation.Stats;

public sealed partial class RollingTradeStats
{
    /// <summary>
    /// The oldest bucket index a trade was added to since the last <see cref="MarkSaved"/> (bucket start =
    /// index × <see cref="RollingTradeStatsOptions.BucketWidth"/>); <see cref="long.MaxValue"/> when nothing changed.
    /// A saver re-writes only the buckets from there on: older ones are unchanged (eviction only removes).
    /// </summary>
    public long ChangedFromBucket { get; private set; } = long.MaxValue;

    /// <summary>Index of the oldest live bucket; <see cref="long.MaxValue"/> when the window is empty.</summary>
    public long FirstBucketIndex => BucketCount > 0 ? _buckets[_start].Index : long.MaxValue;

    /// <summary>Index of the newest live bucket; <see cref="long.MinValue"/> when the window is empty.</summary>
    public long LastBucketIndex => BucketCount > 0 ? _buckets[^1].Index : long.MinValue;

    /// <summary>The window start reached (UTC, µs, exclusive); <see cref="long.MinValue"/> before the first eviction.</summary>
    public long Cutoff => _cutoff;

    /// <summary>The next arrival sequence (tie-breaker of equal exchange times).</summary>
    public long Sequence => _sequence;

    /// <summary>Forgets the changes so far: the caller has stored them.</summary>
    public void MarkSaved() => ChangedFromBucket = long.MaxValue;

    /// <summary>
    /// Writes the live buckets with <c>fromIndex ≤ Index &lt; toIndex</c> in the compact encoding
    /// (<see cref="CompactBinary"/>): a bucket that kept all its trades is written as those trades only (its
    /// aggregates are recomputed on restore, exactly); an overflowed one also carries its aggregates. Allocates nothing.
    /// </summary>
    /// <param name="writer">Destination.</param>
    /// <param name="fromIndex">Inclusive lower bucket index.</param>
    /// <param name="toIndex">Exclusive upper bucket index.</param>
    /// <returns>The number of buckets written (0: the range holds no live bucket).</returns>
    public int WriteBuckets(BinaryWriter writer, long fromIndex, long toIndex)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var first = LowerBoundBucket(fromIndex);
        var end = first;
        while (end < _buckets.Count && _buckets[end].Index < toIndex)
        {
            end++;
        }

        writer.Write7BitEncodedInt(end - first);
        var previousIndex = fromIndex;
        for (var i = first; i < end; i++)
        {
            var b = _buckets[i];
            writer.WriteSigned(b.Index - previousIndex);
            previousIndex = b.Index;
            writer.Write(b.Overflowed);
            if (b.Overflowed)
            {
                writer.Write7BitEncodedInt64(b.Count);
                writer.Write(b.Volume);
                writer.Write(b.Quote);
                writer.WriteFixed(b.High);
                writer.WriteFixed(b.Low);
                WritePoint(writer, b.First, b.Index * _width, 0);
                WritePoint(writer, b.Last, b.Index * _width, 0);
            }

            writer.Write7BitEncodedInt(b.DetailCount);
            var sequence = 0L;
            foreach (var p in b.Detail)
            {
                WritePoint(writer, p, b.Index * _width, sequence);
                sequence = p.Sequence;
            }
        }

        return end - first;
    }

    /// <summary>Writes what a restore needs besides the buckets: the window start reached and the arrival sequence.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteHead(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_cutoff);
        writer.Write(_sequence);
    }

    /// <summary>Empties the window and reads what <see cref="WriteHead"/> wrote, before <see cref="ReadBuckets"/> calls (restore from storage).</summary>
    /// <param name="reader">Source.</param>
    /// <exception cref="EndOfStreamException">The data is truncated.</exception>
    public void BeginRestore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var cutoff = reader.ReadInt64();
        var sequence = reader.ReadInt64();
        for (var i = _start; i < _buckets.Count; i++)
        {
            _pool.Push(_buckets[i]);
        }

        _buckets.Clear();
        _start = 0;
        _count = 0;
        _volume = 0m;
        _quote = 0m;
        _bodyHas = false;
        _bodyDirty = false;
        _cutoff = cutoff;
        _sequence = sequence;
        ChangedFromBucket = long.MaxValue;
    }

    /// <summary>
    /// Appends buckets written by <see cref="WriteBuckets"/>; ranges must come oldest first. Buckets at or before the
    /// window start, or not after the last one read, are skipped. Call <see cref="EndRestore"/> after the last range.
    /// </summary>
    /// <param name="reader">Source.</param>
    /// <param name="fromIndex">The <c>fromIndex</c> the range was written with.</param>
    /// <exception cref="FormatException">The bytes are not this encoding.</exception>
    /// <exception cref="EndOfStreamException">The data is truncated.</exception>
    public void ReadBuckets(BinaryReader reader, long fromIndex)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.Read7BitEncodedInt();
        var index = fromIndex;
        for (var n = 0; n < count; n++)
        {
            index += reader.ReadSigned();
            var bucket = _pool.Count > 0 ? _pool.Pop() : new TradeBucket();
            bucket.Reset(index);
            var start = index * _width;
            if (reader.ReadBoolean())
            {
                var total = reader.Read7BitEncodedInt64();
                var volume = reader.ReadDecimal();
                var quote = reader.ReadDecimal();
                var high = reader.ReadFixed();
                var low = reader.ReadFixed();
                var firstPoint = ReadPoint(reader, start, 0);
                var lastPoint = ReadPoint(reader, start, 0);
                var detail = new TradePoint[reader.Read7BitEncodedInt()];
                var sequence = 0L;
                for (var d = 0; d < detail.Length; d++)
                {
                    detail[d] = ReadPoint(reader, start, sequence);
                    sequence = detail[d].Sequence;
                }

                bucket.Restore(total, volume, quote, high, low, firstPoint, lastPoint, detail, overflowed: true);
            }
            else
            {
                var points = reader.Read7BitEncodedInt();
                var sequence = 0L;
                for (var d = 0; d < points; d++)
                {
                    var p = ReadPoint(reader, start, sequence);
                    sequence = p.Sequence;
                    bucket.Add(p, _options.MaxTradesPerBucket);
                }
            }

            if (bucket.Count == 0 || bucket.Last.Time <= _cutoff || (_buckets.Count > 0 && _buckets[^1].Index >= index))
            {
                _pool.Push(bucket);
                continue;
            }

            _buckets.Add(bucket);
        }
    }

    /// <summary>Completes a restore: totals are summed, the body's high and low rebuilt at the next snapshot.</summary>
    public void EndRestore()
    {
        foreach (var bucket in _buckets)
        {
            _count += bucket.Count;
            _volume += bucket.Volume;
            _quote += bucket.Quote;
        }

        _bodyDirty = BucketCount > 1;
    }

    private static void WritePoint(BinaryWriter writer, in TradePoint p, long bucketStart, long previousSequence)
    {
        writer.WriteSigned(p.Time - bucketStart);
        writer.WriteFixed(p.Price);
        writer.WriteFixed(p.Size);
        writer.WriteSigned(p.Sequence - previousSequence);
    }

    private static TradePoint ReadPoint(BinaryReader reader, long bucketStart, long previousSequence)
    {
        var time = bucketStart + reader.ReadSigned();
        var price = reader.ReadFixed();
        var size = reader.ReadFixed();
        return new TradePoint(time, price, size, previousSequence + reader.ReadSigned());
    }

    // First list position (≥ _start) whose bucket index is ≥ index.
    private int LowerBoundBucket(long index)
    {
        int lo = _start, hi = _buckets.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_buckets[mid].Index < index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
