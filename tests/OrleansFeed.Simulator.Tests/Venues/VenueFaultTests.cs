using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>Verifies fault injection on venue routes: a drop or corruption hits exactly one diff of one symbol; aborts and malformed frames reach venue clients.</summary>
public sealed class VenueFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("kraken")]
    [InlineData("coinbase")]
    [InlineData("okx")]
    [InlineData("bybit")]
    [InlineData("bitfinex")]
    [InlineData("kucoin")]
    public async Task DropNextDiff_WithSkip_WithholdsExactlyThatOneDiff(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        sim.DropNextDiff(venue, c.Symbol, skip: 4);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var received = (await VenueTestClient.DrainAsync(sim, venue, cts.Token, client)).Where(c.IsBook).ToList();

        var recorded = c.RecordedBook();
        var diffs = recorded.Where(f => !c.IsSnapshot(f)).ToList();
        var expected = recorded.ToList();
        expected.Remove(diffs[4]);
        received.Should().Equal(expected);
        sim.DiffsDropped.Should().Be(1);
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("coinbase")]
    [InlineData("okx")]
    [InlineData("bybit")]
    [InlineData("bitfinex")]
    [InlineData("kucoin")]
    public async Task CorruptNextDiff_ChangesOneDigitOfOneDiffAndKeepsJsonValid(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        sim.CorruptNextDiff(venue, c.Symbol);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var received = (await VenueTestClient.DrainAsync(sim, venue, cts.Token, client)).Where(c.IsBook).ToList();

        var recorded = c.RecordedBook();
        received.Should().HaveCount(recorded.Count);
        var changed = Enumerable.Range(0, recorded.Count).Where(i => received[i] != recorded[i]).ToList();
        changed.Should().ContainSingle();
        var (original, corrupted) = (recorded[changed[0]], received[changed[0]]);
        c.IsSnapshot(original).Should().BeFalse();
        corrupted.Length.Should().Be(original.Length);
        Enumerable.Range(0, original.Length).Count(i => original[i] != corrupted[i]).Should().Be(1);
        var parse = () => JsonDocument.Parse(corrupted).Dispose();
        parse.Should().NotThrow();
        sim.DiffsCorrupted.Should().Be(1);
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("okx")]
    public async Task CorruptNextDiff_ChecksumVenue_IsCaughtByTheBookChecksumAtThatFrame(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        Func<IReadOnlyList<string>, int> firstMismatch = venue == "kraken" ? KrakenChecksumBook.FirstMismatch : OkxChecksumBook.FirstMismatch;
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        sim.CorruptNextDiff(venue, c.Symbol);
        sim.CorruptNextDiff(venue, c.Symbol);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var received = (await VenueTestClient.DrainAsync(sim, venue, cts.Token, client)).Where(c.IsBook).ToList();
        var recorded = c.RecordedBook();

        firstMismatch(recorded).Should().Be(-1, "the recording's checksums all hold");
        var corruptedAt = Enumerable.Range(0, recorded.Count).First(i => received[i] != recorded[i]);
        firstMismatch(received).Should().Be(corruptedAt);
        sim.DiffsCorrupted.Should().Be(2);
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("okx")]
    public async Task CorruptNextDiff_EverySymbolOfAChecksumVenue_IsCaughtByTheChecksumAtTheCorruptedFrame(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast with { StartOnFirstSubscription = false });
        sim.Pause();
        await sim.StartAsync(cts.Token);
        var symbols = sim.SymbolsOf(venue);
        foreach (var symbol in symbols)
        {
            sim.CorruptNextDiff(venue, symbol);
        }

        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        var quoted = symbols.Select(s => "\"" + s + "\"").ToList();
        await client.SendAsync(venue == "kraken"
            ? "{\"event\":\"subscribe\",\"pair\":[" + string.Join(',', quoted) + "],\"subscription\":{\"name\":\"book\"}}"
            : "{\"op\":\"subscribe\",\"args\":[" + string.Join(',', symbols.Select(s => "{\"channel\":\"books-l2-tbt\",\"instId\":\"" + s + "\"}")) + "]}", cts.Token);
        await VenueTestClient.ReceiveUntilAsync(client, f => f.Contains(quoted[^1], StringComparison.Ordinal), 1, cts.Token);
        sim.Resume();
        var received = await VenueTestClient.DrainAsync(sim, venue, cts.Token, client);

        var all = c.Load().Where(r => r.Kind == Exchanges.Common.Capture.CaptureRecordKind.Received).Select(r => System.Text.Encoding.UTF8.GetString(r.Payload.Span)).ToList();
        Func<IReadOnlyList<string>, int> firstMismatch = venue == "kraken" ? KrakenChecksumBook.FirstMismatch : OkxChecksumBook.FirstMismatch;
        var corruptedSymbols = 0;
        foreach (var symbol in symbols)
        {
            Func<string, bool> isBook = venue == "kraken"
                ? f => f.StartsWith('[') && f.EndsWith("\"" + symbol + "\"]", StringComparison.Ordinal) && f.Contains("\"book-", StringComparison.Ordinal)
                : f => f.StartsWith("{\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"" + symbol + "\"}", StringComparison.Ordinal);
            var recorded = all.Where(isBook).ToList();
            var got = received.Where(isBook).ToList();
            got.Should().HaveCount(recorded.Count, symbol);
            var corruptedAt = Enumerable.Range(0, recorded.Count).Where(i => got[i] != recorded[i]).ToList();
            corruptedAt.Should().HaveCountLessThanOrEqualTo(1, symbol);
            if (corruptedAt.Count == 1)
            {
                corruptedSymbols++;
                firstMismatch(got).Should().Be(corruptedAt[0], symbol);
            }
        }

        corruptedSymbols.Should().Be((int)sim.DiffsCorrupted).And.BeGreaterThanOrEqualTo(symbols.Count - 1, "all but a book with a single diff get one corrupted");
    }

    [Theory]
    [InlineData("okx")]
    [InlineData("bitfinex")]
    public async Task CloseAllConnections_VenueClient_IsAborted(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var sim = new ExchangeSimulator(VenueCase.Of(venue).Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        sim.Pause();
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await sim.WaitForClientsAsync(1, cts.Token);

        sim.CloseAllConnections().Should().Be(1);
        var closed = false;
        try
        {
            while (await client.ReceiveAsync(cts.Token) is not null)
            {
                // Greeting frames queued before the abort may still arrive.
            }

            closed = true;
        }
        catch (WebSocketException)
        {
            closed = true;
        }

        closed.Should().BeTrue();
        sim.ClientsConnected.Should().Be(0);
    }

    [Fact]
    public async Task SendMalformedFrame_VenueSymbol_SubscribedClientGetsATruncatedBookFrame()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("okx");
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast with { FrameDelay = TimeSpan.FromMilliseconds(1) });
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, "okx", cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);
        await VenueTestClient.ReceiveUntilAsync(client, c.IsBook, 2, cts.Token);
        sim.Pause();

        sim.SendMalformedFrame("okx", c.Symbol).Should().Be(1);
        sim.SetDelay(TimeSpan.Zero);
        sim.Resume();
        var frames = await VenueTestClient.DrainAsync(sim, "okx", cts.Token, client);

        var malformed = frames.Where(f => !IsJson(f)).ToList();
        malformed.Should().ContainSingle().Which.Should().StartWith("{\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"XMR-USDT-SWAP\"}");
    }

    private static bool IsJson(string frame)
    {
        try
        {
            JsonDocument.Parse(frame).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
