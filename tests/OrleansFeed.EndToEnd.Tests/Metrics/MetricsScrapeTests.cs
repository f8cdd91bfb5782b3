using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.EndToEnd.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> (OpenTelemetry's Prometheus exporter) on a whole silo replaying a recorded Binance USD-M session
/// with an injected gap: scraped while the simulator plays, it already carries the per-venue instruments; once the
/// counters are still, every per-venue counter equals what <c>/api/v1/venues</c> reports, and the books' receive →
/// publish latency histogram holds their update deltas.
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed partial class MetricsScrapeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Scrape_DuringAndAfterSimulatorRun_HoldsThePerVenueCountersOfTheVenuesEndpoint()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SiloAgainstSimulatorTests.SessionFiles("binance_futures", "2021-07-22");
        // Recorded pace ×10 (about 3 s), so the first scrape happens while frames still arrive.
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, true)], cts.Token, playbackSpeed: 10);
        using var http = new HttpClient { BaseAddress = silo.Api };
        await Poll.UntilAsync(() => silo.IsSynced("SUSHIUSDT"), "SUSHIUSDT synced", cts.Token);
        silo.Simulator.DropNextDiff("SUSHIUSDT");

        // One WebSocket client with one book subscription, acknowledged before the scrape.
        using var ws = new System.Net.WebSockets.ClientWebSocket();
        await ws.ConnectAsync(new Uri(silo.Api.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws"), cts.Token);
        await ws.SendAsync(System.Text.Encoding.UTF8.GetBytes($$"""{"op":"subscribe","channel":"book","venue":"{{silo.Venue}}","symbol":"SUSHIUSDT","depth":10,"id":1}"""), System.Net.WebSockets.WebSocketMessageType.Text, true, cts.Token);
        await ws.ReceiveAsync(new byte[64 * 1024], cts.Token);

        var during = await ScrapeAsync(http, cts.Token);
        Value(during, "orleansfeed_venue_frames_total", silo.Venue).Should().BeGreaterThan(0, "frames are counted while the simulator plays");
        Unlabelled(during, "orleansfeed_api_ws_connections").Should().Be(1);
        Unlabelled(during, "orleansfeed_api_ws_subscriptions").Should().Be(1);

        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var (venue, scrape) = await StillAsync(http, silo.Venue, cts.Token);
        var books = venue.GetProperty("books").EnumerateArray().ToList();
        long Sum(string counter) => books.Sum(b => b.GetProperty("counters").GetProperty(counter).GetInt64());

        var expected = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["orleansfeed_venue_frames_total"] = venue.GetProperty("frames").GetInt64(),
            ["orleansfeed_venue_rejected_frames_total"] = venue.GetProperty("rejectedFrames").GetInt64(),
            ["orleansfeed_venue_reconnects_total"] = venue.GetProperty("reconnects").GetInt64(),
            ["orleansfeed_venue_snapshot_requests_total"] = venue.GetProperty("snapshotRequests").GetInt64(),
            ["orleansfeed_venue_snapshot_failures_total"] = venue.GetProperty("snapshotFailures").GetInt64(),
            ["orleansfeed_venue_connections"] = venue.GetProperty("connections").GetInt64(),
            ["orleansfeed_venue_book_messages_total"] = Sum("messages"),
            ["orleansfeed_venue_gaps_total"] = Sum("gaps"),
            ["orleansfeed_venue_resyncs_total"] = Sum("resyncs"),
            ["orleansfeed_venue_checksum_failures_total"] = Sum("checksumFailures"),
            ["orleansfeed_venue_checksums_verified_total"] = Sum("checksumsVerified"),
        };
        foreach (var (name, value) in expected)
        {
            Value(scrape, name, silo.Venue).Should().Be(value, $"{name} equals /api/v1/venues/{silo.Venue}");
        }

        expected["orleansfeed_venue_gaps_total"].Should().Be(1, "the injected gap is counted once");
        ((decimal)expected["orleansfeed_venue_frames_total"]).Should().BeGreaterThan(Value(during, "orleansfeed_venue_frames_total", silo.Venue));
        Value(scrape, "orleansfeed_venue_books", silo.Venue, "state=\"synced\"").Should().Be(books.Count);
        Value(scrape, "orleansfeed_venue_verification_age_seconds", silo.Venue).Should().BeGreaterThanOrEqualTo(0);
        scrape.Should().Contain("orleansfeed_bridge_published_total", "the bridge's instruments are exported (idle without NATS)");

        // The books' ingest latency: one observation per published update delta, and an update delta has one book
        // event as its cause, so there are at most as many as the books handled messages.
        var published = Value(scrape, "orleansfeed_book_delta_latency_seconds_count", silo.Venue);
        published.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(Sum("messages"), "one observation per update delta");
        var meanSeconds = Value(scrape, "orleansfeed_book_delta_latency_seconds_sum", silo.Venue) / published;
        meanSeconds.Should().BeGreaterThan(0).And.BeLessThan((decimal)Timeout.TotalSeconds, "receive → publish latency in seconds");

        // ASP.NET Core records a request's duration after its response has gone out, so the scrape that follows a
        // request may not hold it yet (failed once in CI): wait for a scrape that does.
        await Poll.UntilAsync(
            async () => (await ScrapeAsync(http, cts.Token)).Contains("http_server_request_duration_seconds", StringComparison.Ordinal),
            "a scrape with ASP.NET Core's request durations (the instrumentation is on)",
            cts.Token);
    }

    private static async Task<string> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    // Venue status, scrape, venue status again: the counters were still in between when both answers agree.
    private static async Task<(JsonElement Venue, string Scrape)> StillAsync(HttpClient http, string venue, CancellationToken cancellationToken)
    {
        var uri = new Uri($"/api/v1/venues/{venue}", UriKind.Relative);
        while (true)
        {
            var before = await http.GetStringAsync(uri, cancellationToken);
            var scrape = await ScrapeAsync(http, cancellationToken);
            var after = await http.GetStringAsync(uri, cancellationToken);
            if (Counters(before) == Counters(after))
            {
                return (JsonDocument.Parse(after).RootElement.Clone(), scrape);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    // Everything but the verification ages, which move with the clock.
    private static string Counters(string venueJson) => SecondsSinceVerified().Replace(venueJson, string.Empty);

    private static decimal Value(string scrape, string name, string venue, string? label = null)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains($"venue=\"{venue}\"", StringComparison.Ordinal)
                && (label is null || line.Contains(label, StringComparison.Ordinal)))
            {
                return decimal.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"{name}{{venue=\"{venue}\"{(label is null ? string.Empty : "," + label)}}} is not in the scrape:\n{scrape}");
    }

    private static decimal Unlabelled(string scrape, string name)
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"{name} is not in the scrape:\n{scrape}");
        var value = line.Contains('}', StringComparison.Ordinal) ? line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..] : line[name.Length..];
        return decimal.Parse(value.Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("\"secondsSinceVerified\":[^,}]*")]
    private static partial Regex SecondsSinceVerified();
}
