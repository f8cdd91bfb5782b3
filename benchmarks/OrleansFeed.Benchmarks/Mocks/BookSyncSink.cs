using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Benchmarks.Mocks;

/// <summary>Hands every parsed book event straight to one sync procedure (no grain, no queue), as the book owner would.</summary>
internal sealed class BookSyncSink(IBookSynchronizer sync) : IMarketEventSink
{
    public void OnBookEvent(in BookEvent bookEvent) => sync.OnEvent(bookEvent, null);

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
