using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Benchmarks.Mocks;

/// <summary>Discards everything; returns book levels to the pool so the parser's rent/return cycle is measured as in production.</summary>
internal sealed class NullMarketEventSink : IMarketEventSink
{
    public long Events { get; private set; }

    public long Rejected { get; private set; }

    public void OnBookEvent(in BookEvent bookEvent)
    {
        Events++;
        bookEvent.ReturnLevels();
    }

    public void OnTrade(string symbol, in Trade trade) => Events++;

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo) => Events++;

    public void OnRejected(FrameRejectReason reason, string? symbol) => Rejected++;

    public void OnServerShutdownNotice()
    {
    }
}
