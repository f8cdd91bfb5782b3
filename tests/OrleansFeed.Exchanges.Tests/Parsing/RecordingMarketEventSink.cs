using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Tests.Parsing;

/// <summary>Records what a parser hands to its sink; copies level text and returns the rented arrays.</summary>
internal sealed class RecordingMarketEventSink : IMarketEventSink
{
    public List<(BookEvent Event, string[] Levels)> BookEvents { get; } = [];

    public List<(string Symbol, Trade Trade)> Trades { get; } = [];

    public List<(string Symbol, BestBidOffer Bbo)> Bbos { get; } = [];

    public List<(FrameRejectReason Reason, string? Symbol)> Rejections { get; } = [];

    public List<(string Symbol, VenueTicker24h Ticker)> VenueTickers { get; } = [];

    public int ShutdownNotices { get; private set; }

    public int Total => BookEvents.Count + Trades.Count + Bbos.Count + Rejections.Count + ShutdownNotices;

    public void OnBookEvent(in BookEvent bookEvent)
    {
        var levels = new List<string>();
        foreach (var level in bookEvent.LevelSpan)
        {
            levels.Add($"{(level.Side == BookSide.Bid ? "b" : "a")}:{level.Price}:{level.Size}");
        }

        bookEvent.ReturnLevels();
        BookEvents.Add((bookEvent, levels.ToArray()));
    }

    public void OnTrade(string symbol, in Trade trade) => Trades.Add((symbol, trade));

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo) => Bbos.Add((symbol, bbo));

    public void OnVenueTicker(string symbol, in VenueTicker24h ticker) => VenueTickers.Add((symbol, ticker));

    public void OnRejected(FrameRejectReason reason, string? symbol) => Rejections.Add((reason, symbol));

    public void OnServerShutdownNotice() => ShutdownNotices++;
}
