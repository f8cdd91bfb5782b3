using System.Buffers;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Events;

/// <summary>
/// One order-book event for one venue-symbol, as parsed from a venue frame or REST response, before any
/// sync rule is applied. Travels from the connector to the book's owner (the <c>OrderBookGrain</c>).
/// </summary>
/// <remarks>
/// <para><b>Ownership:</b> <see cref="Levels"/> is rented from <see cref="ArrayPool{T}.Shared"/>; the single
/// consumer returns it by calling <see cref="ReturnLevels"/> once it is done (after applying or after
/// discarding). Only the first <see cref="LevelCount"/> entries are meaningful. An event nobody consumes is
/// simply collected.</para>
/// <para>Id fields follow Binance's names (§1, §2 of shared/docs/exchange-protocols.md): <c>U</c> =
/// <see cref="FirstUpdateId"/>, <c>u</c> = <see cref="LastUpdateId"/>, <c>pu</c> = <see cref="PreviousUpdateId"/>;
/// a snapshot's <c>lastUpdateId</c> is its <see cref="LastUpdateId"/>. Other venues map their sequence fields
/// onto the same three.</para>
/// </remarks>
public readonly struct BookEvent
{
    /// <summary>Creates an event. <paramref name="levels"/> ownership passes to the event.</summary>
    /// <param name="kind">Diff, snapshot or reset.</param>
    /// <param name="symbol">The venue's native symbol (interned by the parser's symbol table).</param>
    /// <param name="firstUpdateId">First update id covered (Binance <c>U</c>); 0 when not sent.</param>
    /// <param name="lastUpdateId">Last update id covered (Binance <c>u</c>, snapshot <c>lastUpdateId</c>).</param>
    /// <param name="previousUpdateId">Previous event's last id (Binance futures <c>pu</c>); -1 when not sent.</param>
    /// <param name="levels">Rented level array (may be null when <paramref name="levelCount"/> is 0).</param>
    /// <param name="levelCount">Meaningful entries in <paramref name="levels"/>.</param>
    /// <param name="exchangeTime">Venue event time (UTC, µs; Binance sends ms); <see cref="Timestamp.None"/> when absent.</param>
    /// <param name="receiveTime">Our receive time of the frame or response (UTC, µs).</param>
    public BookEvent(
        BookEventKind kind,
        string symbol,
        long firstUpdateId,
        long lastUpdateId,
        long previousUpdateId,
        LevelUpdate[]? levels,
        int levelCount,
        Timestamp exchangeTime,
        Timestamp receiveTime)
    {
        Kind = kind;
        Symbol = symbol;
        FirstUpdateId = firstUpdateId;
        LastUpdateId = lastUpdateId;
        PreviousUpdateId = previousUpdateId;
        Levels = levels;
        LevelCount = levelCount;
        ExchangeTime = exchangeTime;
        ReceiveTime = receiveTime;
    }

    /// <summary>Diff, snapshot or reset.</summary>
    public BookEventKind Kind { get; }

    /// <summary>
    /// The venue's book checksum sent with this event (Kraken <c>checksum</c>/v1 <c>c</c>, OKX <c>checksum</c>
    /// reinterpreted as unsigned), or null when the venue sent none (or OKX's deprecated <c>0</c>). The book-sync
    /// procedure recomputes it from the book after applying the event; a mismatch triggers a resync of this symbol.
    /// </summary>
    public uint? Checksum { get; init; }

    /// <summary>The venue's native symbol.</summary>
    public string Symbol { get; }

    /// <summary>First update id covered (Binance <c>U</c>).</summary>
    public long FirstUpdateId { get; }

    /// <summary>Last update id covered (Binance <c>u</c> / snapshot <c>lastUpdateId</c>).</summary>
    public long LastUpdateId { get; }

    /// <summary>Previous event's last id (Binance futures <c>pu</c>); -1 when the venue does not send it.</summary>
    public long PreviousUpdateId { get; }

    /// <summary>Rented array of level changes; see remarks for ownership.</summary>
    public LevelUpdate[]? Levels { get; }

    /// <summary>Meaningful entries in <see cref="Levels"/>.</summary>
    public int LevelCount { get; }

    /// <summary>Venue event time (UTC, µs resolution).</summary>
    public Timestamp ExchangeTime { get; }

    /// <summary>Our receive time (UTC, µs resolution).</summary>
    public Timestamp ReceiveTime { get; }

    /// <summary>The meaningful level changes.</summary>
    public ReadOnlySpan<LevelUpdate> LevelSpan => Levels is null ? default : Levels.AsSpan(0, LevelCount);

    /// <summary>A reset event for a symbol (no levels).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="receiveTime">When the connection was lost.</param>
    /// <returns>The event.</returns>
    public static BookEvent Reset(string symbol, Timestamp receiveTime) =>
        new(BookEventKind.ConnectionReset, symbol, 0, 0, -1, null, 0, Timestamp.None, receiveTime);

    /// <summary>A possible-loss event for a symbol (no levels): see <see cref="BookEventKind.PossibleLoss"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="scope">Whether the rejected frame named this symbol or could belong to any book of the connection.</param>
    /// <param name="receiveTime">When the damaged frame arrived (or <see cref="Timestamp.None"/> when unknown).</param>
    /// <returns>The event.</returns>
    public static BookEvent PossibleLoss(string symbol, PossibleLossScope scope, Timestamp receiveTime) =>
        new(BookEventKind.PossibleLoss, symbol, (long)scope, 0, -1, null, 0, Timestamp.None, receiveTime);

    /// <summary>The scope of a <see cref="BookEventKind.PossibleLoss"/> event (kept in <see cref="FirstUpdateId"/>).</summary>
    public PossibleLossScope LossScope => Kind == BookEventKind.PossibleLoss ? (PossibleLossScope)FirstUpdateId : PossibleLossScope.Symbol;

    /// <summary>Returns <see cref="Levels"/> to the pool. Call exactly once, by the consumer.</summary>
    public void ReturnLevels()
    {
        if (Levels is not null)
        {
            ArrayPool<LevelUpdate>.Shared.Return(Levels);
        }
    }
}
