namespace OrleansFeed.Exchanges.Okx.Messages;

/// <summary>The OKX v5 public channels this connector reads (shared/docs/exchange-protocols.md §6 "Channels").</summary>
public enum OkxChannel : byte
{
    /// <summary>A channel we do not know or use.</summary>
    Unknown,

    /// <summary><c>books</c>: 400 levels, snapshot then 100 ms increments, <c>seqId</c>/<c>prevSeqId</c>.</summary>
    Books,

    /// <summary><c>books-l2-tbt</c>: 400 levels, tick-by-tick increments (login + VIP5 today; public in the 2021-2022 recordings).</summary>
    BooksL2Tbt,

    /// <summary><c>books50-l2-tbt</c>: 50 levels, tick-by-tick increments.</summary>
    Books50L2Tbt,

    /// <summary><c>books5</c>: 5-level full snapshots (no <c>action</c> field).</summary>
    Books5,

    /// <summary><c>trades</c>: public trades, <c>side</c> = taker side.</summary>
    Trades,

    /// <summary><c>tickers</c>: 24 h ticker with best bid/offer.</summary>
    Tickers,

    /// <summary>A valid channel we subscribe to nowhere (e.g. <c>bbo-tbt</c>, candles): ignored.</summary>
    Ignored,
}
