using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Builds KuCoin book events by hand: levels written as "b:price:size:sequence" (sequence optional for snapshots).</summary>
internal static class KuCoinEvents
{
    public const string Symbol = "BTC-USDT";

    public static BookEvent Diff(long sequenceStart, long sequenceEnd, params string[] levels) =>
        Create(BookEventKind.Diff, sequenceStart, sequenceEnd, levels);

    public static BookEvent Snapshot(long sequence, params string[] levels) =>
        Create(BookEventKind.Snapshot, sequence, sequence, levels);

    /// <summary>One side of a book as "price:size" text, best first.</summary>
    public static string[] Side(OrderBook book, BookSide side) =>
        book.ToArray(side).Select(l => $"{l.Price}:{l.Size}").ToArray();

    private static BookEvent Create(BookEventKind kind, long first, long last, string[] levels)
    {
        var array = ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            var parts = levels[i].Split(':');
            var side = parts[0] == "b" ? BookSide.Bid : BookSide.Ask;
            array[i] = new LevelUpdate(side, FixedDecimal.Parse(parts[1]), FixedDecimal.Parse(parts[2]), parts.Length > 3 ? long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }

        return new BookEvent(kind, Symbol, first, last, -1, array, levels.Length, Timestamp.None, new Timestamp(last));
    }
}
