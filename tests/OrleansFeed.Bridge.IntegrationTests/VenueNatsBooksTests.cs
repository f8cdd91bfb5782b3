using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client.Books;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Nats;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// Every venue on NATS: a silo fed by the simulator playing one short recording of the venue (as fast as it goes),
/// the bridge on, and a consumer following the documented recipe (<c>OrleansFeed.Client</c>'s
/// <see cref="BookSubscription"/>: subscribe, snapshot, sequenced deltas, re-snapshot on a gap) for every book. After
/// playback each copy equals the silo's book; the subjects carry the venue's own symbol spelling (Bitfinex
/// <c>tETHJPY</c>, not upper-cased), and an upper-cased spelling of a Bitfinex symbol gets no responders.
/// Binance USD-M is covered by <see cref="NatsBridgeTests"/>.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class VenueNatsBooksTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    // Venue, recording folder, file prefix, frame delay in ms: the short REST-snapshot sessions (Binance, KuCoin) are
    // spread a little so deltas flow after the consumers' snapshots; the others play as fast as they go.
    public static TheoryData<string, string, string, int> Recordings() => new()
    {
        { "binance", "binance_spot", "2021-10-12", 1 },
        { "bitfinex", "bitfinex", "2021-04-05", 0 },
        { "bybit", "bybit", "2025-06-13", 0 },
        { "coinbase", "coinbase", "2021-04-17", 0 },
        { "kraken", "kraken", "2021-04-05_book", 0 },
        { "kucoin", "kucoin", "2021-04-25", 1 },
        { "okx", "okx", "2022-02-27", 0 },
    };

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task BookSubscriptions_OverNats_EqualTheSilosBooks(string venue, string folder, string filePrefix, int frameDelayMs)
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = $"t{server.NextId()}.md.v1";
        var files = Directory.GetFiles(SharedData.PathOf(folder)).Where(f => Path.GetFileName(f).StartsWith(filePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        files.Should().NotBeEmpty();
        await using var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0, FrameDelay = TimeSpan.FromMilliseconds(frameDelayMs) });
        simulator.Pause();
        await simulator.StartAsync(cts.Token);
        var (settings, symbols) = VenueSettings(simulator, venue);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Nats:Enabled"] = "true";
        settings["Nats:Url"] = server.Url;
        settings["Nats:SubjectPrefix"] = prefix;
        settings["Nats:JetStream:TradesStream"] = "TRADES_" + prefix.Replace('.', '_');
        settings["Nats:JetStream:CandlesStream"] = "CANDLES_" + prefix.Replace('.', '_');
        settings["Nats:JetStream:Storage"] = "Memory";
        var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);
        await silo.StartAsync(cts.Token);
        try
        {
            await using var client = await BridgedSilo.ConnectClientAsync(server.Url, prefix, cts.Token);
            var books = silo.Services.GetRequiredService<BookDirectory>();
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var status = silo.Services.GetRequiredService<Nats.Status.NatsBridgeStatus>();
            // Every book's own subject carries messages: the venue's symbol spelling, case preserved.
            var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            await using var raw = await client.Connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{prefix}.book.{MdSubjects.Token(venue)}.>", opts: new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 1 << 20 } }, cancellationToken: cts.Token);
            var rawReader = Task.Run(async () =>
            {
                await foreach (var msg in raw.Msgs.ReadAllAsync(cts.Token))
                {
                    seen.AddOrUpdate(msg.Subject, 1, (_, n) => n + 1);
                }
            }, CancellationToken.None);
            await client.Connection.PingAsync(cts.Token);
            var subscriptions = new List<BookSubscription>();
            foreach (var symbol in symbols)
            {
                subscriptions.Add(await client.SubscribeBookAsync(venue, symbol, cts.Token));
            }

            await BridgedSilo.WaitUntilAsync(() => status.Snapshot() is { Connected: true, JetStreamReady: true }, "bridge connected", cts.Token);
            simulator.Resume();
            await simulator.PlaybackCompleted.WaitAsync(cts.Token);
            // Synced, or unverifiable where the feed carries no proof (Coinbase Exchange level2, docs/errors.md#book-states).
            await BridgedSilo.WaitUntilAsync(
                () => symbols.All(s => books.Books.TryGetValue(new(venue, s), out var book) && book.State is BookSyncState.Synced or BookSyncState.Unverifiable),
                $"every {venue} book synced (or unverifiable) after playback",
                cts.Token);

            foreach (var subscription in subscriptions)
            {
                try
                {
                    await AssertEqualAsync(grains.GetGrain<IOrderBookGrain>(subscription.Book.ToString()), subscription, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    var grainSequence = (await grains.GetGrain<IOrderBookGrain>(subscription.Book.ToString()).GetSnapshotAsync(1)).Sequence;
                    throw new TimeoutException($"{subscription.Book}: copy at {subscription.Sequence} (live {subscription.IsLive}, gaps {subscription.Gaps}, snapshots {subscription.SnapshotsLoaded}), silo at {grainSequence}; bridge {status.Snapshot()}");
                }
                subscription.MalformedMessages.Should().Be(0);
            }

            seen.Keys.Should().Contain(symbols.Select(s => MdSubjects.Book(prefix, venue, s)), $"every {venue} book is published on its own subject");
            if (frameDelayMs > 0)
            {
                // Spread playback: the copies followed deltas, not only snapshots. (At full speed a copy may catch up
                // through re-snapshots alone, which the recipe allows.)
                subscriptions.Sum(s => s.DeltasApplied).Should().BePositive($"{venue} books were followed through deltas");
            }
            if (venue == "bitfinex")
            {
                // The real symbol answers; its upper-cased spelling is no book: no responders, never an empty sequence-0 book.
                var symbol = symbols.First(s => s != s.ToUpperInvariant());
                var reply = await client.Connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(MdSubjects.SnapshotBook(prefix, venue, symbol), """{"depth":1}"""u8.ToArray(), cancellationToken: cts.Token);
                reply.Headers![MdHeaders.Sequence].ToString().Should().NotBe("0");
                var upper = () => client.Connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(MdSubjects.SnapshotBook(prefix, venue, symbol.ToUpperInvariant()), [], cancellationToken: cts.Token).AsTask();
                await upper.Should().ThrowAsync<NatsNoRespondersException>();
            }

            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
            await silo.DisposeAsync();
        }
    }

    private static (Dictionary<string, string?> Settings, IReadOnlyList<string> Symbols) VenueSettings(ExchangeSimulator simulator, string venue)
    {
        // The default configuration enables binance: the venue under test is the only one on.
        var settings = new Dictionary<string, string?> { ["Feed:Venues:binance:Enabled"] = "false" };
        if (venue == "binance")
        {
            settings["Feed:Venues:binance:Enabled"] = "true";
            settings["Feed:Venues:binance:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/');
            settings["Feed:Venues:binance:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/');
            settings["Feed:Venues:binance:DepthLimit"] = "5000";
            var i = 0;
            foreach (var symbol in simulator.SnapshotSymbols)
            {
                settings[$"Feed:Venues:binance:Symbols:{i++}"] = symbol;
            }

            return (settings, simulator.SnapshotSymbols);
        }

        var endpoint = simulator.Endpoints().Single(e => e.Venue == venue);
        foreach (var (key, value) in endpoint.Settings())
        {
            settings[key] = value;
        }

        settings[$"Feed:Venues:{venue}:ReconnectMinDelay"] = "00:00:00.050";
        settings[$"Feed:Venues:{venue}:ReconnectMaxDelay"] = "00:00:00.200";
        return (settings, endpoint.Symbols);
    }

    // Waits until the copy is live at the grain's sequence, then compares every level (retrying if the silo moved on).
    private static async Task AssertEqualAsync(IOrderBookGrain grain, BookSubscription subscription, CancellationToken cancellationToken)
    {
        while (true)
        {
            var expected = await grain.GetSnapshotAsync(int.MaxValue);
            await subscription.WaitUntilAsync(s => s.IsLive && s.Sequence >= expected.Sequence, cancellationToken).WaitAsync(cancellationToken);
            var bids = subscription.GetLevels(BookSide.Bid);
            var asks = subscription.GetLevels(BookSide.Ask);
            var sequence = subscription.Sequence;
            var again = await grain.GetSnapshotAsync(int.MaxValue);
            if (again.Sequence != expected.Sequence || sequence != expected.Sequence)
            {
                continue;
            }

            subscription.Epoch.Should().Be(expected.Epoch, $"{subscription.Book} epoch");
            bids.Should().Equal(expected.Bids, $"{subscription.Book} bids at sequence {sequence}");
            asks.Should().Equal(expected.Asks, $"{subscription.Book} asks at sequence {sequence}");
            return;
        }
    }
}
