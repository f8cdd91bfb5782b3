using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Benchmarks.Mocks;

/// <summary>Routes each symbol's book events to its own sync procedure (created on first sight, so steady state allocates nothing); counts trades.</summary>
internal sealed class VenueSyncSink(IVenueProtocol protocol) : IMarketEventSink
{
    public Dictionary<string, IBookSynchronizer> Books { get; } = new(StringComparer.Ordinal);

    public long Trades { get; private set; }

    public long Rejected { get; private set; }

    public void OnBookEvent(in BookEvent bookEvent)
    {
        if (!Books.TryGetValue(bookEvent.Symbol, out var sync))
        {
            sync = protocol.CreateBookSync(bookEvent.Symbol);
            Books.Add(bookEvent.Symbol, sync);
        }

        sync.OnEvent(bookEvent, null);
    }

    public void OnTrade(string symbol, in Trade trade) => Trades++;

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
    {
    }

    public void OnRejected(FrameRejectReason reason, string? symbol) => Rejected++;

    public void OnServerShutdownNotice()
    {
    }
}
