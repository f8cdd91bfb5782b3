using OrleansFeed.Core.Aggregation.Candles;

namespace OrleansFeed.Grains.Aggregation;

internal sealed partial class AggregatorStateStore
{
    /// <summary>
    /// Reads the head and its segments into the series named in it (series not configured any more are skipped), then
    /// completes each restore. The caller advances the series to now afterwards.
    /// </summary>
    /// <param name="series">Every series by its stored name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored trade watermark, or null when there is no state of this format (nothing restored).</returns>
    /// <exception cref="FormatException">A stored blob is not this encoding; the series may be half restored (clear them).</exception>
    /// <exception cref="EndOfStreamException">A stored blob is truncated; as above.</exception>
    public async Task<long?> RestoreAsync(IReadOnlyList<(string Name, TradeSeries Series)> series, CancellationToken cancellationToken)
    {
        await _head.ReadStateAsync(cancellationToken);
        if (!_head.RecordExists || _head.State is not { Version: AggregatorState.CurrentVersion, Head: { } head } state)
        {
            return null;
        }

        var byName = series.ToDictionary(s => s.Name, s => s.Series, StringComparer.Ordinal);
        var restored = new List<TradeSeries>();
        using var reader = new BinaryReader(new MemoryStream(head, writable: false));
        var watermark = reader.ReadInt64();
        for (var n = reader.Read7BitEncodedInt(); n > 0; n--)
        {
            var name = reader.ReadString();
            var block = reader.ReadBytes(reader.Read7BitEncodedInt());
            if (byName.TryGetValue(name, out var s))
            {
                BeginRestore(s, block);
                restored.Add(s);
            }
        }

        var segments = state.Segments.Select(n => StateSegment.TryParse(n, out var seg) ? seg : default)
            .Where(seg => seg.Series is not null && byName.TryGetValue(seg.Series, out var s) && restored.Contains(s))
            .OrderBy(seg => seg.Chunk);
        foreach (var segment in segments)
        {
            var stored = new GrainState<AggregatorStateSegment>();
            await _storage.ReadStateAsync(segment.StateName, _grain, stored).WaitAsync(cancellationToken);
            if (!stored.RecordExists || stored.State?.Data is null)
            {
                continue;
            }

            _segments[segment] = stored;
            using var segmentReader = new BinaryReader(new MemoryStream(stored.State.Data, writable: false));
            var s = byName[segment.Series];
            if (segment.Part == StatsPart)
            {
                s.Stats.ReadBuckets(segmentReader, segment.Chunk * BucketsPerSegment);
            }
            else if (CandleIntervals.All.Where(i => CandleIntervals.Name(i) == segment.Part).Select(i => (CandleInterval?)i).FirstOrDefault() is { } interval)
            {
                s.Builder(interval).ReadHistory(segmentReader);
            }
        }

        foreach (var s in restored)
        {
            s.Stats.EndRestore();
            foreach (var builder in s.Candles)
            {
                builder.EndRestore();
            }
        }

        return watermark;
    }

    private static void BeginRestore(TradeSeries series, byte[] block)
    {
        using var reader = new BinaryReader(new MemoryStream(block, writable: false));
        series.Stats.BeginRestore(reader);
        for (var n = reader.ReadByte(); n > 0; n--)
        {
            var interval = (CandleInterval)reader.ReadByte();
            if (!Enum.IsDefined(interval))
            {
                throw new FormatException($"Unknown candle interval {(int)interval} in stored state.");
            }

            series.Builder(interval).BeginRestore(reader);
        }
    }

    // Watermark, then per series its name and a length-prefixed block (so a series no longer configured is skipped).
    private byte[] EncodeHead(IReadOnlyList<(string Name, TradeSeries Series)> series, long tradeWatermark)
    {
        using var head = new MemoryStream();
        using var writer = new BinaryWriter(head);
        writer.Write(tradeWatermark);
        writer.Write7BitEncodedInt(series.Count);
        foreach (var (name, s) in series)
        {
            var block = Encode(
                w =>
                {
                    s.Stats.WriteHead(w);
                    w.Write((byte)s.Candles.Count);
                    foreach (var builder in s.Candles)
                    {
                        w.Write((byte)builder.Interval);
                        builder.WriteHead(w);
                    }

                    return 1;
                },
                out _);
            writer.Write(name);
            writer.Write7BitEncodedInt(block.Length);
            writer.Write(block);
        }

        writer.Flush();
        return head.ToArray();
    }
}
