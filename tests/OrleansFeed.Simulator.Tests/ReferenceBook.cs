using System.Globalization;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator.Tests;

/// <summary>
/// An independent, deliberately simple reference: recorded snapshot + every recorded diff with u above its
/// lastUpdateId, kept in sorted dictionaries of the original text. Shares no code with the simulator.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly SortedDictionary<decimal, (string Price, string Size)> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, (string Price, string Size)> _asks = new();

    public long LastUpdateId { get; private set; }

    public static ReferenceBook Build(IReadOnlyList<CaptureRecord> records, string symbol)
    {
        var book = new ReferenceBook();
        using (var snapshot = JsonDocument.Parse(Recordings.SnapshotBodyOf(records, symbol)))
        {
            book.LastUpdateId = snapshot.RootElement.GetProperty("lastUpdateId").GetInt64();
            book.Apply(snapshot.RootElement.GetProperty("bids"), book._bids);
            book.Apply(snapshot.RootElement.GetProperty("asks"), book._asks);
        }

        foreach (var frame in Recordings.FramesOf(records, symbol.ToLowerInvariant() + "@depth@100ms"))
        {
            using var doc = JsonDocument.Parse(frame);
            var data = doc.RootElement.GetProperty("data");
            var u = data.GetProperty("u").GetInt64();
            if (u <= book.LastUpdateId)
            {
                continue;
            }

            book.Apply(data.GetProperty("b"), book._bids);
            book.Apply(data.GetProperty("a"), book._asks);
            book.LastUpdateId = u;
        }

        return book;
    }

    public List<string[]> Top(bool bids, int depth) =>
        (bids ? _bids : _asks).Values.Take(depth).Select(l => new[] { l.Price, l.Size }).ToList();

    private void Apply(JsonElement levels, SortedDictionary<decimal, (string Price, string Size)> side)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = level[0].GetString()!;
            var size = level[1].GetString()!;
            var key = decimal.Parse(price, CultureInfo.InvariantCulture);
            if (decimal.Parse(size, CultureInfo.InvariantCulture) == 0)
            {
                side.Remove(key);
            }
            else
            {
                side[key] = (price, size);
            }
        }
    }
}
