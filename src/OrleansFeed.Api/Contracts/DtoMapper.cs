using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Contracts;

/// <summary>Maps grain answers to the v1 JSON contracts: decimal strings for prices and sizes, ISO-8601 µs times.</summary>
internal static class DtoMapper
{
    public static InstrumentDto ToDto(Instrument i) => new(
        i.Venue, i.Symbol, i.Canonical, KindText(i.Kind), i.BaseAsset, i.QuoteAsset, i.TickSize.ToString(), i.LotSize.ToString(), StatusText(i.Status));

    public static BookSnapshotDto ToDto(BookSnapshot s) => new(
        s.Venue, s.Symbol, s.Instrument, s.SyncState.ToWire(), s.IsStale, s.Epoch, s.Sequence, UpdateIds.OrNull(s.LastUpdateId),
        Time(s.ExchangeTime), Time(s.ReceiveTime), Levels(s.Bids), Levels(s.Asks), ToDto(s.Counters))
    {
        Silo = s.Silo,
    };

    public static BookCountersDto ToDto(BookCounters c) => new(
        c.Messages, c.Applied, c.Gaps, c.Resyncs, c.SnapshotsLoaded, c.Duplicates, c.CrossedBooks, c.ChecksumFailures, c.RejectedFrames, Time(c.LastVerified))
    {
        ChecksumsVerified = c.ChecksumsVerified,
    };

    public static TradeDto ToDto(Trade t) => new(
        t.TradeId, t.Price.ToString(), t.Size.ToString(), SideText(t.Aggressor), Time(t.ExchangeTime), Time(t.ReceiveTime));

    public static TickerDto ToDto(Ticker t) => new(
        t.Venue, t.Symbol, t.Instrument, t.SyncState.ToWire(), t.SyncState != BookSyncState.Synced,
        t.BestBid is { } b ? new LevelDto(b.Price.ToString(), b.Size.ToString()) : null,
        t.BestAsk is { } a ? new LevelDto(a.Price.ToString(), a.Size.ToString()) : null,
        t.LastTrade is { } trade ? ToDto(trade) : null,
        t.VenueBbo is { } bbo ? ToDto(bbo) : null);

    public static VenueBboDto ToDto(BestBidOffer b) => new(
        b.UpdateId, b.BidPrice.ToString(), b.BidSize.ToString(), b.AskPrice.ToString(), b.AskSize.ToString(), Time(b.ExchangeTime), Time(b.ReceiveTime));

    /// <summary>ISO-8601 UTC with µs, or null for <see cref="Timestamp.None"/>.</summary>
    public static string? Time(Timestamp t) => t.IsNone ? null : t.ToString();

    public static string SideText(AggressorSide side) => side switch
    {
        AggressorSide.Buy => "buy",
        AggressorSide.Sell => "sell",
        _ => "unknown",
    };

    public static string KindText(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Spot => "spot",
        InstrumentKind.Perpetual => "perpetual",
        InstrumentKind.Future => "future",
        InstrumentKind.Option => "option",
        _ => "unknown",
    };

    public static string StatusText(InstrumentStatus status) => status switch
    {
        InstrumentStatus.Trading => "trading",
        InstrumentStatus.Halted => "halted",
        InstrumentStatus.CancelOnly => "cancel-only",
        InstrumentStatus.Closed => "closed",
        _ => "unknown",
    };

    private static string[][] Levels(BookLevel[] levels)
    {
        var result = new string[levels.Length][];
        for (var i = 0; i < levels.Length; i++)
        {
            result[i] = [levels[i].Price.ToString(), levels[i].Size.ToString()];
        }

        return result;
    }
}
