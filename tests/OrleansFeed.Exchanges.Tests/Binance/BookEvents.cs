using System.Buffers;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Builds book events by hand for sync tests: levels written as "b:price:size" / "a:price:size" in pooled arrays.</summary>
internal static class BookEvents
{
    public const string Symbol = "BTCUSDT";

    public static BookEvent Diff(long first, long last, long previous, params string[] levels) =>
        Create(BookEventKind.Diff, first, last, previous, levels);

    public static BookEvent Snapshot(long lastUpdateId, params string[] levels) =>
        Create(BookEventKind.Snapshot, lastUpdateId, lastUpdateId, -1, levels);

    public static LevelUpdate Level(string text)
    {
        var parts = text.Split(':');
        var side = parts[0] == "b" ? BookSide.Bid : BookSide.Ask;
        return new LevelUpdate(side, FixedDecimal.Parse(parts[1]), FixedDecimal.Parse(parts[2]));
    }

    /// <summary>One side of a book as "price:size" text, best first.</summary>
    public static string[] Side(OrderBook book, BookSide side) =>
        book.ToArray(side).Select(l => $"{l.Price}:{l.Size}").ToArray();

    private static BookEvent Create(BookEventKind kind, long first, long last, long previous, string[] levels)
    {
        var array = ArrayPool<LevelUpdate>.Shared.Rent(Math.Max(1, levels.Length));
        for (var i = 0; i < levels.Length; i++)
        {
            array[i] = Level(levels[i]);
        }

        return new BookEvent(kind, Symbol, first, last, previous, array, levels.Length, Timestamp.FromUnixMilliseconds(1_617_647_797_000 + last), new Timestamp(last));
    }
}
