using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Binance;

namespace OrleansFeed.Benchmarks.Mocks;

/// <summary>Hands every parsed book event to its symbol's sync procedure (no grain, no queue), as the book owners would.</summary>
internal sealed class RoutingSyncSink(Dictionary<string, BinanceBookSync> syncs) : IMarketEventSink
{
    public Dictionary<string, BinanceBookSync> Syncs { get; } = syncs;

    public void OnBookEvent(in BookEvent bookEvent) => Syncs[bookEvent.Symbol].OnEvent(bookEvent, null);

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
