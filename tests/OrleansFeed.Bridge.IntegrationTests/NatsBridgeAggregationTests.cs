using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// The aggregator's subjects after a replay through the silo: the last <c>nbbo</c>, <c>stats</c> and 1m
/// <c>candle</c> messages (consolidated and per venue) of every aggregator key carry exactly the REST body of the
/// aggregator grain's answer, and the closed candles replay from JetStream.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class NatsBridgeAggregationTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AggregatorSubjects_AfterReplay_EqualTheAggregatorGrainsAnswers()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = $"t{server.NextId()}.md.v1";
        var candleStream = "CANDLES_" + prefix.Replace('.', '_');
        var extra = new Dictionary<string, string?>
        {
            // Replayed trades are from 2021: the trade clock places the window and closes the candles.
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:TickInterval"] = "00:00:00.050",
            // No venue turns stale while the test compares, so the NBBO stops changing after playback.
            ["Aggregation:MaxQuoteAge"] = "01:00:00",
            ["Nats:JetStream:CandlesStream"] = candleStream,
        };
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token, extra);
        await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
        var last = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var candles = new ConcurrentDictionary<(string Subject, string Start), string>();
        await using var all = await client.Connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{prefix}.>", opts: new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 1 << 20 } }, cancellationToken: cts.Token);
        var reader = Task.Run(async () =>
        {
            await foreach (var msg in all.Msgs.ReadAllAsync(cts.Token))
            {
                if (msg.Subject.StartsWith($"{prefix}.book.", StringComparison.Ordinal) || msg.Subject.StartsWith($"{prefix}.trade.", StringComparison.Ordinal) || msg.Subject.StartsWith($"{prefix}.bbo.", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = System.Text.Encoding.UTF8.GetString(msg.Data.Span);
                last[msg.Subject] = text;
                if (msg.Subject.StartsWith($"{prefix}.candle.", StringComparison.Ordinal))
                {
                    candles[(msg.Subject, JsonNode.Parse(text)!["start"]!.GetValue<string>())] = text;
                }
            }
        }, CancellationToken.None);
        await client.Connection.PingAsync(cts.Token);

        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var services = silo.Silo.Services;
        var keys = AggregationKeys.All(services.GetRequiredService<IInstrumentCatalog>(), services.GetRequiredService<IOptions<AggregationOptions>>().Value.QuoteCurrencyPolicy);
        keys.Should().NotBeEmpty();
        var grains = services.GetRequiredService<IGrainFactory>();
        var closedCandles = 0;
        foreach (var key in keys)
        {
            var grain = grains.GetGrain<IAggregatorGrain>(key);

            // NBBO: the last message is the grain's last published value (same sequence, quote, venues). The times are
            // left out: a query recomputes them as of the call (a later delta that left the top unchanged moves a
            // venue's receive time without a publish), and publishTime is when each value was computed.
            var nbboSubject = MdSubjects.Instrument(prefix, "nbbo", key);
            var expectedNbbo = await EventuallyAsync(
                async () => WithoutPublishTime(Json(AggregationMapper.ToDto(await grain.GetNbboAsync()))),
                () => last.TryGetValue(nbboSubject, out var m) ? WithoutPublishTime(m) : null,
                $"{nbboSubject} equals the grain's NBBO",
                cts.Token);
            JsonNode.Parse(expectedNbbo)!["bid"].Should().NotBeNull($"{key} has a bid after the replay");

            // Stats: the next tick after the last trade publishes exactly what the grain answers (trade clock stopped).
            var statsSubject = MdSubjects.Instrument(prefix, "stats", key);
            await EventuallyAsync(
                async () => Json(AggregationMapper.ToDto(await grain.GetStatsAsync())),
                () => last.TryGetValue(statsSubject, out var m) ? m : null,
                $"{statsSubject} equals the grain's stats",
                cts.Token);

            // Candles: the last message of every 1m candle equals the grain's candle; the open one included.
            var series = await grain.GetCandlesAsync(CandleInterval.OneMinute, new Timestamp(0), new Timestamp(long.MaxValue), venue: null);
            series.Candles.Should().NotBeEmpty($"{key} has 1m candles");
            var candleSubject = MdSubjects.Candle(prefix, "1m", key);
            foreach (var candle in series.Candles)
            {
                var dto = AggregationMapper.ToDto(key, null, candle);
                await EventuallyAsync(
                    () => Task.FromResult(Json(dto)),
                    () => candles.TryGetValue((candleSubject, dto.Start!), out var m) ? m : null,
                    $"{candleSubject} candle {dto.Start}",
                    cts.Token);
            }

            // The venue's own candles go to the subject with the venue token.
            var venueSeries = await grain.GetCandlesAsync(CandleInterval.OneMinute, new Timestamp(0), new Timestamp(long.MaxValue), BridgedSilo.Venue);
            venueSeries.Candles.Should().NotBeEmpty();
            var venueSubject = MdSubjects.VenueCandle(prefix, "1m", key, BridgedSilo.Venue);
            foreach (var candle in venueSeries.Candles)
            {
                var dto = AggregationMapper.ToDto(key, BridgedSilo.Venue, candle);
                await EventuallyAsync(
                    () => Task.FromResult(Json(dto)),
                    () => candles.TryGetValue((venueSubject, dto.Start!), out var m) ? m : null,
                    $"{venueSubject} candle {dto.Start}",
                    cts.Token);
            }

            // JetStream keeps the closed candles in order: a consumer replays them from the stream.
            var closed = series.Candles.Where(c => c.IsClosed).Select(c => Json(AggregationMapper.ToDto(key, null, c))).ToList();
            closedCandles += closed.Count;
            await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().QueueDepth == 0, "bridge queue drained", cts.Token);
            var stored = await ReadStreamAsync(new NatsJSContext(client.Connection), candleStream, MdSubjects.ClosedCandle(prefix, "1m", key), closed.Count, cts.Token);
            stored.Should().Equal(closed, $"{key}: closed 1m candles replayed from {candleStream}, and no open-candle update stored");
        }

        closedCandles.Should().BePositive("the capture spans more than one minute");

        // Both streams carry the documented default limits (age, bytes, messages per subject).
        var candlesConfig = await StreamConfigAsync(client.Connection, candleStream, cts.Token);
        candlesConfig.GetProperty("subjects")[0].GetString().Should().Be($"{prefix}.candle-closed.>");
        candlesConfig.GetProperty("max_bytes").GetInt64().Should().Be(64L << 20);
        candlesConfig.GetProperty("max_msgs_per_subject").GetInt64().Should().Be(10_080);
        candlesConfig.GetProperty("max_age").GetInt64().Should().Be(TimeSpan.FromDays(7).Ticks * 100);
        var tradesConfig = await StreamConfigAsync(client.Connection, "TRADES_" + prefix.Replace('.', '_'), cts.Token);
        tradesConfig.GetProperty("max_bytes").GetInt64().Should().Be(512L << 20);
        tradesConfig.GetProperty("max_msgs_per_subject").GetInt64().Should().Be(1_000_000);
        tradesConfig.GetProperty("max_age").GetInt64().Should().Be(TimeSpan.FromHours(24).Ticks * 100);
        silo.Status.Snapshot().SkippedRoutes.Should().BeEmpty("every route's event type matches the silo's streams");
        await cts.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task<JsonElement> StreamConfigAsync(NatsConnection connection, string stream, CancellationToken cancellationToken)
    {
        var reply = await connection.RequestAsync<byte[], ReadOnlyMemory<byte>>($"$JS.API.STREAM.INFO.{stream}", [], cancellationToken: cancellationToken);
        using var json = JsonDocument.Parse(reply.Data);
        return json.RootElement.GetProperty("config").Clone();
    }

    private static string Json<T>(T dto) => JsonSerializer.Serialize(dto);

    private static string WithoutPublishTime(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var name in new[] { "publishTime", "receiveTime", "exchangeTime" })
        {
            node.Remove(name);
        }

        foreach (var venue in node["venues"]!.AsArray())
        {
            venue!.AsObject().Remove("receiveTime");
        }

        return node.ToJsonString();
    }

    // Both sides may still move (a tick not yet published, a message in flight): compare until equal or time out.
    private static async Task<string> EventuallyAsync(Func<Task<string>> expected, Func<string?> actual, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await expected();
            var a = actual();
            if (e == a)
            {
                return e;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                a.Should().Be(e, what);
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<List<string>> ReadStreamAsync(NatsJSContext js, string stream, string subject, int count, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        if (count == 0)
        {
            return result;
        }

        await foreach (var msg in JetStreamReplay.ReadAsync(js, stream, subject, 0, cancellationToken))
        {
            // The stream keeps closed candles only: every stored message is one.
            var text = System.Text.Encoding.UTF8.GetString(msg.Data.Span);
            JsonNode.Parse(text)!["closed"]!.GetValue<bool>().Should().BeTrue($"{subject} stores closed candles only");
            result.Add(text);

            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }
}
