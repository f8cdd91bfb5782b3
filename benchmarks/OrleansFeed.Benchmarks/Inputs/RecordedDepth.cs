using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Benchmarks.Inputs;

/// <summary>Depth frames and REST snapshots of one capture file, in arrival order, as raw bytes.</summary>
internal sealed class RecordedDepth
{
    private RecordedDepth(List<(byte[] Bytes, Timestamp Time, bool IsSnapshot, string Source)> items) => Items = items;

    public List<(byte[] Bytes, Timestamp Time, bool IsSnapshot, string Source)> Items { get; }

    /// <summary>Loads every depthUpdate frame and every /depth REST body of <paramref name="path"/>.</summary>
    public static RecordedDepth Load(string path)
    {
        var items = new List<(byte[], Timestamp, bool, string)>();
        foreach (var record in CaptureFile.Read(path))
        {
            var span = record.Payload.Span;
            if (record.Kind == CaptureRecordKind.Received && span.IndexOf("\"depthUpdate\""u8) >= 0)
            {
                items.Add((record.Payload.ToArray(), record.Time, false, record.Source));
            }
            else if (record.Kind == CaptureRecordKind.Rest && record.Source.Contains("/depth", StringComparison.Ordinal))
            {
                items.Add((record.Payload.ToArray(), record.Time, true, record.Source));
            }
        }

        return new RecordedDepth(items);
    }

    /// <summary>The frames of one symbol (and its snapshot), in arrival order.</summary>
    public List<(byte[] Bytes, Timestamp Time, bool IsSnapshot, string Source)> ForSymbol(string symbol)
    {
        var marker = Encoding.UTF8.GetBytes($"\"s\":\"{symbol}\"");
        return Items.Where(i => i.IsSnapshot
                ? i.Source.Contains($"symbol={symbol}&", StringComparison.Ordinal) || i.Source.EndsWith($"symbol={symbol}", StringComparison.Ordinal)
                : i.Bytes.AsSpan().IndexOf(marker) >= 0)
            .ToList();
    }
}
