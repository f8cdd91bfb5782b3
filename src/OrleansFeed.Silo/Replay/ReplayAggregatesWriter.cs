using OrleansFeed.Core.Books;
using System.Text.Json;
using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Silo.Replay;

/// <summary>
/// Computes and writes the <c>aggregates</c> property of <c>replay --out</c> (docs/replay.md#aggregates): per instrument
/// key the final NBBO, the 24 h statistics (consolidated and per book) and the candles of every interval, with the same
/// Core classes and JSON shapes as the silo's aggregator and API.
/// </summary>
internal static class ReplayAggregatesWriter
{
    public static void Write(Utf8JsonWriter writer, ReplayAggregation data, ReplayAlignment alignment, IReadOnlyList<string> sessionNames, QuoteCurrencyPolicy policy)
    {
        var end = data.End;
        var groups = data.Books.Values
            .GroupBy(b => NbboGrouping.GroupKey(b.Book.Instrument.Canonical, policy), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var series = new Dictionary<string, ReplaySeries>(StringComparer.Ordinal);
        foreach (var trade in data.TradesInTimeOrder())
        {
            var now = new Timestamp(ReplayAggregation.Time(trade.Trade));
            var key = NbboGrouping.GroupKey(trade.Source.Instrument.Canonical, policy);
            Series(series, key).OnTrade(trade.Trade, now);
            Series(series, key + "|" + trade.Book).OnTrade(trade.Trade, now);
        }

        foreach (var s in series.Values)
        {
            s.Advance(end);
        }

        writer.WriteStartObject("aggregates");
        writer.WriteStartObject("alignment");
        writer.WriteString("start", alignment.Start.ToString());
        writer.WriteStartArray("sessions");
        for (var i = 0; i < sessionNames.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", sessionNames[i]);
            writer.WriteNumber("offsetMicroseconds", alignment.Offsets[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("end", end.ToString());
        writer.WriteStartArray("instruments");
        foreach (var group in groups)
        {
            var books = group.OrderBy(b => b.Book.Instrument.Venue, StringComparer.Ordinal).ThenBy(b => b.Book.Instrument.Symbol, StringComparer.Ordinal).ToList();
            writer.WriteStartObject();
            writer.WriteString("instrument", group.Key);
            writer.WritePropertyName("nbbo");
            JsonSerializer.Serialize(writer, AggregationMapper.ToDto(Nbbo(group.Key, books, end)));
            var consolidated = Series(series, group.Key);
            var stats = new AggregatedStats(
                group.Key,
                end,
                consolidated.Stats.Snapshot(end),
                [.. books.Select(b => new VenueStats(b.Book.Instrument.Venue, b.Book.Instrument.Symbol, Series(series, group.Key + "|" + b.Book.Instrument.Key).Stats.Snapshot(end)))]);
            writer.WritePropertyName("stats");
            JsonSerializer.Serialize(writer, AggregationMapper.ToDto(stats));
            writer.WriteStartObject("candles");
            WriteCandles(writer, "consolidated", group.Key, null, consolidated);
            writer.WriteStartArray("venues");
            foreach (var b in books)
            {
                writer.WriteStartObject();
                writer.WriteString("venue", b.Book.Instrument.Venue);
                writer.WriteString("symbol", b.Book.Instrument.Symbol);
                WriteCandles(writer, "candles", group.Key, b.Book.Instrument.Venue, Series(series, group.Key + "|" + b.Book.Instrument.Key));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The NBBO over the books' final states at <paramref name="now"/>, with the default eligibility rules.</summary>
    public static AggregatedNbbo Nbbo(string key, IReadOnlyList<ReplayBookFinal> books, Timestamp now)
    {
        var calculator = new NbboCalculator(key, VenueQuoteConfig.Default);
        var statuses = new List<VenueQuoteStatus>();
        foreach (var b in books)
        {
            var label = books.Count(o => o.Book.Instrument.Venue == b.Book.Instrument.Venue) > 1 ? b.Book.Instrument.Key.ToString() : b.Book.Instrument.Venue;
            var book = b.Book.Sync.Book;
            var hasBid = book.TryGetBestBid(out var bid);
            var hasAsk = book.TryGetBestAsk(out var ask);
            var halted = b.Book.Instrument.Status is InstrumentStatus.Halted or InstrumentStatus.CancelOnly or InstrumentStatus.Closed;
            calculator.Update(new VenueQuote(
                label,
                hasBid ? bid.Price : FixedDecimal.Zero,
                hasBid ? bid.Size : FixedDecimal.Zero,
                hasAsk ? ask.Price : FixedDecimal.Zero,
                hasAsk ? ask.Size : FixedDecimal.Zero,
                b.Book.Sync.State.MayQuote(),
                halted,
                b.LastEvent,
                b.LastEvent));
            statuses.Add(new VenueQuoteStatus(
                b.Book.Instrument.Venue,
                b.Book.Instrument.Symbol,
                b.Book.Instrument.Canonical,
                calculator.GetEligibility(label, now),
                hasBid ? bid.Price.ToDecimal() : null,
                hasBid ? bid.Size.ToDecimal() : 0m,
                hasAsk ? ask.Price.ToDecimal() : null,
                hasAsk ? ask.Size.ToDecimal() : 0m,
                b.LastEvent));
        }

        return new AggregatedNbbo(key, 0, calculator.Compute(now), calculator.Compute(now, NbboPriceMode.FeeAdjusted), statuses, now);
    }

    private static void WriteCandles(Utf8JsonWriter writer, string name, string key, string? venue, ReplaySeries series)
    {
        writer.WriteStartObject(name);
        foreach (var interval in CandleIntervals.All)
        {
            writer.WritePropertyName(CandleIntervals.Name(interval));
            JsonSerializer.Serialize(writer, series.AllCandles(interval).Select(c => AggregationMapper.ToDto(key, venue, c)).ToList());
        }

        writer.WriteEndObject();
    }

    private static ReplaySeries Series(Dictionary<string, ReplaySeries> series, string key)
    {
        if (!series.TryGetValue(key, out var s))
        {
            s = new ReplaySeries();
            series.Add(key, s);
        }

        return s;
    }
}
