using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Benchmarks.Mocks;

/// <summary>Counts the levels of every book event and returns them to the pool at once: parsing cost alone.</summary>
internal sealed class DroppingSink : IMarketEventSink
{
    public long Levels { get; private set; }

    public void OnBookEvent(in BookEvent bookEvent)
    {
        Levels += bookEvent.LevelCount;
        bookEvent.ReturnLevels();
    }

    public void OnTrade(string symbol, in Trade trade)
    {
    }

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
    {
    }

    public void OnRejected(FrameRejectReason reason, string? symbol) => throw new InvalidOperationException($"Recorded frame rejected: {reason}.");

    public void OnServerShutdownNotice()
    {
    }
}
