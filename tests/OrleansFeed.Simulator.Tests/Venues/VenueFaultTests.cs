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

    [Fact]
    public async Task CorruptNextDiff_Kraken_IsCaughtByTheBookChecksumAtThatFrame()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of("kraken");
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        sim.CorruptNextDiff("kraken", c.Symbol);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, "kraken", cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var received = (await VenueTestClient.DrainAsync(sim, "kraken", cts.Token, client)).Where(c.IsBook).ToList();
        var recorded = c.RecordedBook();

        KrakenChecksumBook.FirstMismatch(recorded).Should().Be(-1, "the recording's checksums all hold");
        var corruptedAt = Enumerable.Range(0, recorded.Count).Single(i => received[i] != recorded[i]);
        KrakenChecksumBook.FirstMismatch(received).Should().Be(corruptedAt);
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
