namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>Verifies per-venue subscribe, snapshot catch-up on a mid-playback subscribe, and unsubscribe, over real recordings.</summary>
public sealed class VenueSubscriptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] AckMarkers =
        ["\"subscriptionStatus\"", "\"subscriptions\"", "\"event\":\"subscribe\"", "\"success\":true", "\"event\":\"subscribed\"", "\"type\":\"ack\""];

    [Theory]
    [InlineData("kraken")]
    [InlineData("coinbase")]
    [InlineData("okx")]
    [InlineData("bybit")]
    [InlineData("bitfinex")]
    [InlineData("kucoin")]
    public async Task Subscribe_OneSymbolFromStart_ReceivesExactlyItsRecordedBookFramesAndNoOtherSymbol(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast);
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);

        var received = await VenueTestClient.DrainAsync(sim, venue, cts.Token, client);

        var recorded = c.RecordedBook();
        recorded.Should().HaveCountGreaterThan(20);
        received.Where(c.IsBook).Should().Equal(recorded);
        var others = sim.SymbolsOf(venue).Where(s => s != c.Symbol).Select(s => "\"" + s + "\"").ToList();
        others.Should().NotBeEmpty();
        received.Should().NotContain(f => others.Any(o => f.Contains(o, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("coinbase")]
    [InlineData("okx")]
    [InlineData("bybit")]
    [InlineData("bitfinex")]
    public async Task Subscribe_MidPlayback_GetsSnapshotAndCatchUpSoTheBookFramesEqualAFromStartClient(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast with { FrameDelay = TimeSpan.FromMilliseconds(1) });
        await sim.StartAsync(cts.Token);
        await using var early = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await early.SendAsync(c.Subscribe, cts.Token);

        // The early client has seen the snapshot and a few diffs: the late one subscribes after them.
        var earlyFrames = await VenueTestClient.ReceiveUntilAsync(early, c.IsBook, 6, cts.Token);
        sim.Pause();
        sim.SetDelay(TimeSpan.Zero);
        await using var late = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await late.SendAsync(c.Subscribe, cts.Token);
        var lateFirst = await VenueTestClient.ReceiveUntilAsync(late, c.IsBook, 1, cts.Token);
        sim.Resume();
        earlyFrames.AddRange(await VenueTestClient.DrainAsync(sim, venue, cts.Token, early));
        lateFirst.AddRange(await late.ReceiveUntilSentinelAsync(cts.Token));

        var recorded = c.RecordedBook();
        earlyFrames.Where(c.IsBook).Should().Equal(recorded);
        var lateBook = lateFirst.Where(c.IsBook).ToList();
        c.IsSnapshot(lateBook[0]).Should().BeTrue("the catch-up starts with the recorded snapshot");
        lateBook.Should().Equal(recorded, "snapshot + catch-up + live rebuilds the same book as the early client");
        sim.CatchUpsSent.Should().Be(1);
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("bitfinex")]
    public async Task Subscribe_AfterPlaybackCompleted_CatchUpLongerThanTheSendQueueIsDeliveredWhole(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), new SimulatorOptions { MaxSendQueue = 50, StartOnFirstSubscription = false });
        await sim.StartAsync(cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);
        var recorded = c.RecordedBook();

        var received = await VenueTestClient.ReceiveUntilAsync(client, c.IsBook, recorded.Count, cts.Token);

        recorded.Should().HaveCountGreaterThan(50 * 10);
        received.Where(c.IsBook).Should().Equal(recorded);
        sim.SlowClientsDisconnected.Should().Be(0);
        sim.CatchUpsSent.Should().Be(1);
    }

    [Fact]
    public async Task OneSimulator_EveryVenueRecording_ServesEachVenueOnItsOwnRoute()
    {
        using var cts = new CancellationTokenSource(Timeout);
        string[] venues = ["kraken", "coinbase", "okx", "bybit", "bitfinex", "kucoin"];
        var cases = venues.Select(VenueCase.Of).ToList();
        await using var sim = new ExchangeSimulator(cases.SelectMany(c => c.Load()), VenueTestClient.Fast with { StartOnFirstSubscription = false });
        sim.Pause();
        await sim.StartAsync(cts.Token);
        var clients = new List<WsClient>();
        foreach (var c in cases)
        {
            var client = await VenueTestClient.ConnectAsync(sim, c.Venue, cts.Token);
            await client.SendAsync(c.Subscribe, cts.Token);
            clients.Add(client);

            // Playback is paused: the ack proves the subscription is in place before the first frame plays.
            await VenueTestClient.ReceiveUntilAsync(client, f => AckMarkers.Any(m => f.Contains(m, StringComparison.Ordinal)), 1, cts.Token);
        }

        await sim.WaitForClientsAsync(cases.Count, cts.Token);
        sim.Venues.Should().Equal(venues.Order(StringComparer.Ordinal));
        var endpoints = sim.Endpoints();
        endpoints.Select(e => e.WebSocketUrl.ToString()).Should().Equal(sim.Venues.Select(v => sim.WebSocketBaseUri + v));
        endpoints.Single(e => e.Venue == "kraken").Symbols.Should().Contain("XBT/USD").And.HaveCount(10);
        endpoints.Single(e => e.Venue == "kucoin").RestUrl.Should().Be(new Uri(sim.BaseUri, "/kucoin"));
        sim.Resume();
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        for (var i = 0; i < cases.Count; i++)
        {
            sim.InjectRaw(cases[i].Venue, WsClient.Sentinel);
            var received = await clients[i].ReceiveUntilSentinelAsync(cts.Token);
            received.Where(cases[i].IsBook).Should().Equal(cases[i].RecordedBook(), cases[i].Venue);
            await clients[i].DisposeAsync();
        }
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("okx")]
    [InlineData("bitfinex")]
    public async Task Unsubscribe_MidPlayback_StopsTheSymbolsFrames(string venue)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var c = VenueCase.Of(venue);
        await using var sim = new ExchangeSimulator(c.Load(), VenueTestClient.Fast with { FrameDelay = TimeSpan.FromMilliseconds(1) });
        await sim.StartAsync(cts.Token);
        await using var client = await VenueTestClient.ConnectAsync(sim, venue, cts.Token);
        await client.SendAsync(c.Subscribe, cts.Token);
        var before = await VenueTestClient.ReceiveUntilAsync(client, c.IsBook, 3, cts.Token);
        sim.Pause();
        await client.SendAsync(c.Unsubscribe, cts.Token);
        sim.SetDelay(TimeSpan.Zero);

        // Frames already queued before the unsubscribe still arrive; the reply marks where the server applied it.
        var tail = await VenueTestClient.ReceiveUntilAsync(client, f => f.Contains("unsubscribe", StringComparison.Ordinal), 1, cts.Token);
        sim.Resume();
        var after = await VenueTestClient.DrainAsync(sim, venue, cts.Token, client);

        before.Concat(tail).Count(c.IsBook).Should().BeLessThan(c.RecordedBook().Count);
        after.Where(c.IsBook).Should().BeEmpty();
    }
}
