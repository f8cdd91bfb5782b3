using OrleansFeed.Core.Quotes;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// The aggregator's copy of one venue book, kept from the book's <see cref="BookDelta"/>s: loaded from a snapshot,
/// then updated delta by delta while the sequence is gap-free. Owned by one aggregator activation.
/// </summary>
internal sealed class VenueMirror
{
    // Held deltas a mirror keeps room for between reloads (8 KB of references): more is released after use.
    internal const int KeptHeldCapacity = 1024;

    public VenueMirror(Instrument instrument, CandleBuilderOptions candleOptions)
    {
        Instrument = instrument;
        Key = instrument.Key.ToString();
        Trades = new TradeSeries(candleOptions);
    }

    public Instrument Instrument { get; }

    public string Key { get; }

    public string Venue => Instrument.Venue;

    /// <summary>The name of this book in the NBBO: the venue id, or <c>venue:symbol</c> when one venue has several books in the group.</summary>
    public string Label { get; set; } = string.Empty;

    public OrderBook Book { get; } = new();

    public TradeSeries Trades { get; }

    /// <summary>True once a snapshot was loaded and every delta since applied.</summary>
    public bool Loaded { get; private set; }

    /// <summary>True while the source book may quote (synced or unverifiable, <see cref="BookSyncStateText.MayQuote"/>): a stale or unverified delta clears it.</summary>
    public bool Verified { get; private set; }

    /// <summary>Epoch of the snapshot loaded: deltas of a later epoch (a rebuild, or a re-activated book whose sequence
    /// starts again) force a reload; deltas of an earlier one are ignored.</summary>
    public long Epoch { get; private set; }

    /// <summary>Sequence of the last delta applied (or of the snapshot loaded).</summary>
    public long Sequence { get; private set; }

    public Timestamp ExchangeTime { get; private set; }

    public Timestamp ReceiveTime { get; private set; }

    /// <summary>Deltas that did not follow the previous one (lost or reordered): each forces a reload.</summary>
    public long Gaps { get; private set; }

    public bool Halted => Instrument.Status is InstrumentStatus.Halted or InstrumentStatus.CancelOnly or InstrumentStatus.Closed;

    public void Load(BookSnapshot snapshot)
    {
        Book.Clear();
        foreach (var level in snapshot.Bids)
        {
            Book.Set(BookSide.Bid, level.Price, level.Size);
        }

        foreach (var level in snapshot.Asks)
        {
            Book.Set(BookSide.Ask, level.Price, level.Size);
        }

        Sequence = snapshot.Sequence;
        Epoch = snapshot.Epoch;
        Verified = snapshot.SyncState.MayQuote();
        Loaded = true;
        ExchangeTime = snapshot.ExchangeTime;
        ReceiveTime = snapshot.ReceiveTime;
    }

    /// <summary>Applies a delta. Returns false when the mirror must be reloaded from a snapshot.</summary>
    public DeltaOutcome Apply(BookDelta delta)
    {
        if (!Loaded)
        {
            // A snapshot taken now covers this delta: the book published it before answering.
            return DeltaOutcome.Reload;
        }

        if (delta.Epoch < Epoch || (delta.Epoch == Epoch && delta.Sequence <= Sequence))
        {
            return DeltaOutcome.Ignored;
        }

        if (delta.Epoch > Epoch && delta.Kind != BookDeltaKind.Rebuilt)
        {
            // A new incarnation of the book: its sequence restarted, so only a snapshot can line the mirror up again.
            Loaded = false;
            return DeltaOutcome.Reload;
        }

        if (delta.Sequence != Sequence + 1 || delta.Kind == BookDeltaKind.Rebuilt)
        {
            if (delta.Kind != BookDeltaKind.Rebuilt)
            {
                Gaps++;
            }

            Loaded = false;
            return DeltaOutcome.Reload;
        }

        Sequence = delta.Sequence;
        ExchangeTime = delta.ExchangeTime;
        ReceiveTime = delta.ReceiveTime;
        if (delta.Kind == BookDeltaKind.Stale)
        {
            Verified = false;
            return DeltaOutcome.Applied;
        }

        foreach (var change in delta.Changes)
        {
            Book.Set(change.Side, change.Price, change.Size);
        }

        Verified = delta.SyncState.MayQuote();
        return DeltaOutcome.Applied;
    }

    /// <summary>Marks the mirror for reload (a snapshot fetch failed).</summary>
    public void Invalidate()
    {
        Loaded = false;
        Verified = false;
    }

    /// <summary>True while a snapshot of the book is being fetched for this mirror (deltas are held meanwhile).</summary>
    public bool Reloading { get; set; }

    /// <summary>Deltas that arrived while <see cref="Reloading"/>, applied after the snapshot (bounded by the aggregator).</summary>
    public List<BookDelta> HeldDeltas { get; private set; } = [];

    /// <summary>
    /// Takes the held deltas, in arrival order, leaving none. After a burst (a busy book's reload can hold tens of
    /// thousands) the list is replaced, so its doubled backing array (large-object heap) is not kept for the life of
    /// the aggregator.
    /// </summary>
    /// <returns>The deltas held.</returns>
    public BookDelta[] TakeHeldDeltas()
    {
        var held = HeldDeltas.ToArray();
        if (HeldDeltas.Capacity > KeptHeldCapacity)
        {
            HeldDeltas = [];
        }
        else
        {
            HeldDeltas.Clear();
        }

        return held;
    }

    /// <summary>The quote last given to the NBBO calculator; null before the first.</summary>
    public VenueQuote? LastQuote { get; set; }

    /// <summary>The venue's last own 24 h ticker; null until one arrives (venues or subscriptions without one).</summary>
    public VenueTicker24h? VenueTicker { get; set; }

    /// <summary>Time of the first trade this activation received for the book (exchange time, else receive time);
    /// <see cref="Timestamp.None"/> before any. The 24 h window is complete once this is at or before its start.</summary>
    public Timestamp FirstTradeTime { get; set; } = Timestamp.None;

    /// <summary>Equal prices, sizes and flags (times ignored): the venue's contribution to the NBBO is unchanged.</summary>
    public static bool SameTop(in VenueQuote a, in VenueQuote b) =>
        a.BidPrice == b.BidPrice && a.BidSize == b.BidSize && a.AskPrice == b.AskPrice && a.AskSize == b.AskSize
        && a.BookVerified == b.BookVerified && a.Halted == b.Halted;

    public VenueQuote Quote()
    {
        var hasBid = Book.TryGetBestBid(out var bid);
        var hasAsk = Book.TryGetBestAsk(out var ask);
        return new VenueQuote(
            Label,
            hasBid ? bid.Price : FixedDecimal.Zero,
            hasBid ? bid.Size : FixedDecimal.Zero,
            hasAsk ? ask.Price : FixedDecimal.Zero,
            hasAsk ? ask.Size : FixedDecimal.Zero,
            Loaded && Verified,
            Halted,
            ExchangeTime,
            ReceiveTime);
    }
}

/// <summary>What <see cref="VenueMirror.Apply"/> did.</summary>
internal enum DeltaOutcome
{
    /// <summary>Applied; the top of book may have changed.</summary>
    Applied,

    /// <summary>Not applied: already covered.</summary>
    Ignored,

    /// <summary>Not applied: the mirror needs a fresh snapshot.</summary>
    Reload,
}
