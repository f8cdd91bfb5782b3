using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Records every listener call as text, in order.</summary>
internal sealed class RecordingBookListener : IBookChangeListener
{
    public List<string> Calls { get; } = [];

    public void OnBookRebuilt(long epoch) => Calls.Add($"rebuilt:{epoch}");

    public void OnLevelChanged(BookSide side, FixedDecimal price, FixedDecimal size) =>
        Calls.Add($"{(side == BookSide.Bid ? "b" : "a")}:{price}:{size}");
}
