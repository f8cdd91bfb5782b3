using System.Text;

namespace OrleansFeed.Grains.Subjects;

/// <summary>
/// The market-data subjects (contract v1, docs/nats-bridge.md). Every subject is <c>{prefix}.{kind}...</c> with the
/// prefix <c>md.v1</c> by default; venue, symbol and instrument tokens pass through <see cref="Token"/>.
/// </summary>
/// <remarks>Thread-safe (pure functions). Changing a subject shape is a breaking change: bump the prefix to <c>md.v2</c>.</remarks>
/// <seealso href="https://docs.nats.io/nats-concepts/subjects"/>
public static class MdSubjects
{
    /// <summary>The default subject prefix.</summary>
    public const string DefaultPrefix = "md.v1";

    /// <summary>Book deltas of one venue-symbol: <c>{prefix}.book.{venue}.{symbol}</c>.</summary>
    /// <param name="prefix">Subject prefix, e.g. <c>md.v1</c>.</param>
    /// <param name="venue">Venue id, e.g. <c>binance-futures</c>.</param>
    /// <param name="symbol">Native symbol, e.g. <c>BTCUSDT</c> or <c>XBT/USD</c>.</param>
    /// <returns>The subject.</returns>
    public static string Book(string prefix, string venue, string symbol) => $"{prefix}.book.{Token(venue)}.{Token(symbol)}";

    /// <summary>Trades of one venue-symbol: <c>{prefix}.trade.{venue}.{symbol}</c> (also stored in JetStream).</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The subject.</returns>
    public static string Trade(string prefix, string venue, string symbol) => $"{prefix}.trade.{Token(venue)}.{Token(symbol)}";

    /// <summary>The venue's own BBO messages: <c>{prefix}.bbo.{venue}.{symbol}</c>.</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The subject.</returns>
    public static string Bbo(string prefix, string venue, string symbol) => $"{prefix}.bbo.{Token(venue)}.{Token(symbol)}";

    /// <summary>Request/reply: a book snapshot, <c>{prefix}.snapshot.book.{venue}.{symbol}</c>.</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The subject.</returns>
    public static string SnapshotBook(string prefix, string venue, string symbol) => $"{prefix}.snapshot.book.{Token(venue)}.{Token(symbol)}";

    /// <summary>Request/reply: the ticker (L1 + last trade), <c>{prefix}.rpc.ticker.{venue}.{symbol}</c>.</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The subject.</returns>
    public static string RpcTicker(string prefix, string venue, string symbol) => $"{prefix}.rpc.ticker.{Token(venue)}.{Token(symbol)}";

    /// <summary>Request/reply: recent trades, <c>{prefix}.rpc.trades.{venue}.{symbol}</c>.</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <returns>The subject.</returns>
    public static string RpcTrades(string prefix, string venue, string symbol) => $"{prefix}.rpc.trades.{Token(venue)}.{Token(symbol)}";

    /// <summary>Aggregates keyed by canonical instrument: <c>{prefix}.{kind}.{instrument}</c> (<c>nbbo</c>, <c>stats</c>).</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="kind">Subject kind token, e.g. <c>nbbo</c>.</param>
    /// <param name="instrument">Canonical instrument, e.g. <c>BTC-USDT-PERP</c>.</param>
    /// <returns>The subject.</returns>
    public static string Instrument(string prefix, string kind, string instrument) => $"{prefix}.{kind}.{Token(instrument)}";

    /// <summary>Candles: <c>{prefix}.candle.{interval}.{instrument}</c>, interval <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="interval">Interval token.</param>
    /// <param name="instrument">Canonical instrument.</param>
    /// <returns>The subject.</returns>
    public static string Candle(string prefix, string interval, string instrument) => $"{prefix}.candle.{Token(interval)}.{Token(instrument)}";

    /// <summary>One venue's candles of an instrument: <c>{prefix}.candle.{interval}.{instrument}.{venue}</c> (the consolidated candles have no venue token).</summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="interval">Interval token.</param>
    /// <param name="instrument">Aggregator key.</param>
    /// <param name="venue">Venue id.</param>
    /// <returns>The subject.</returns>
    public static string VenueCandle(string prefix, string interval, string instrument, string venue) =>
        $"{prefix}.candle.{Token(interval)}.{Token(instrument)}.{Token(venue)}";

    /// <summary>
    /// Closed (and amended) candles only, the subjects the JetStream candle stream keeps:
    /// <c>{prefix}.candle-closed.{interval}.{instrument}</c>, or with <c>.{venue}</c> for one venue's candles.
    /// </summary>
    /// <param name="prefix">Subject prefix.</param>
    /// <param name="interval">Interval token.</param>
    /// <param name="instrument">Aggregator key.</param>
    /// <param name="venue">Venue id; null for the consolidated candle.</param>
    /// <returns>The subject.</returns>
    public static string ClosedCandle(string prefix, string interval, string instrument, string? venue = null) =>
        venue is null
            ? $"{prefix}.{ClosedCandleKind}.{Token(interval)}.{Token(instrument)}"
            : $"{prefix}.{ClosedCandleKind}.{Token(interval)}.{Token(instrument)}.{Token(venue)}";

    /// <summary>The subject kind token of <see cref="ClosedCandle"/>.</summary>
    public const string ClosedCandleKind = "candle-closed";

    /// <summary>
    /// Makes one subject token from a venue id, symbol or instrument: ASCII letters, digits, <c>-</c> and <c>_</c>
    /// are kept (case preserved); every other character (<c>.</c> <c>/</c> <c>*</c> <c>&gt;</c> space, non-ASCII...)
    /// becomes <c>_</c>. So <c>XBT/USD</c> → <c>XBT_USD</c>, <c>BTC.P</c> → <c>BTC_P</c>.
    /// </summary>
    /// <remarks>Not reversible: <c>XBT/USD</c> and <c>XBT_USD</c> map to the same token. The bridge logs such a
    /// collision at start and serves the first configured book.</remarks>
    /// <param name="value">Raw text.</param>
    /// <returns>The token; <c>_</c> for an empty input.</returns>
    public static string Token(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "_";
        }

        var clean = true;
        foreach (var c in value)
        {
            if (!IsTokenChar(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(IsTokenChar(c) ? c : '_');
        }

        return builder.ToString();
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
