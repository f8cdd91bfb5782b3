using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;

namespace OrleansFeed.Exchanges.Common.Replay;

/// <summary>One book rebuilt by a replay: the venue's sync procedure and what the capture carried for the symbol.</summary>
public sealed class ReplayBook
{
    internal ReplayBook(Instrument instrument, IBookSynchronizer sync)
    {
        Instrument = instrument;
        Sync = sync;
    }

    /// <summary>The instrument (inferred from the symbol offline).</summary>
    public Instrument Instrument { get; }

    /// <summary>The sync procedure, its book and counters.</summary>
    public IBookSynchronizer Sync { get; }

    /// <summary>Trades seen for the symbol.</summary>
    public long TradeCount { get; internal set; }

    /// <summary>The last trade, when any.</summary>
    public Trade? LastTrade { get; internal set; }

    /// <summary>The venue's last own BBO message, when any.</summary>
    public BestBidOffer? LastVenueBbo { get; internal set; }

    /// <summary>Frames naming this symbol that the parser rejected.</summary>
    public long RejectedFrames => Sync.Counters.RejectedFrames;

    /// <summary>Snapshot requests the sync procedure made (initial, gaps, too old).</summary>
    public long SnapshotRequests { get; internal set; }

    internal bool SnapshotRequested { get; set; }

    internal BookEvent? AvailableSnapshot { get; set; }
}
