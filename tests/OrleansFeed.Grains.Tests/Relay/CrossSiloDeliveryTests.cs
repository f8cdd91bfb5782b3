using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Books;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.FanOut.Relay;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Grains.Tests.Relay;

/// <summary>
/// Cross-silo delivery of the fan-out on a two-silo InProcessTestCluster: consumers on one silo follow books produced on
/// the other (connector and books there, playing a recorded OKX session through the simulator) under the same contract
/// as on the producer's silo.
/// </summary>
public sealed class CrossSiloDeliveryTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Playback_ConsumerOnOtherSilo_EndsEqualToTheBook()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await using var playback = await CrossSiloPlayback.StartAsync(frameDelay: TimeSpan.FromMilliseconds(1));
        var followers = new List<(string Key, BookFollower Follower)>();
        foreach (var symbol in playback.Symbols)
        {
            var key = CrossSiloPlayback.Key(symbol);
            followers.Add((key, await BookFollower.StartAsync(playback.Cluster.Streams(playback.Consumer), playback.Cluster.Grains(playback.Consumer), key)));
        }

        // A second consumer of the first book on the same silo shares that silo's relay (nothing more crosses).
        var firstKey = CrossSiloPlayback.Key(playback.Symbols[0]);
        await using var second = await BookFollower.StartAsync(playback.Cluster.Streams(playback.Consumer), playback.Cluster.Grains(playback.Consumer), firstKey);

        // Trades come from the connector on the producer silo, relayed the same way.
        var trades = new System.Collections.Concurrent.ConcurrentQueue<Core.Trades.Trade>();
        var tradeKey = CrossSiloPlayback.Key(playback.Symbols[0]);
        await using var tradeSubscription = playback.Cluster.Streams(playback.Consumer).GetStream<Core.Trades.Trade>(new FanOutStreamId(StreamNamespaces.Trades, tradeKey))
            .Subscribe(trade =>
            {
                trades.Enqueue(trade);
                return ValueTask.CompletedTask;
            });

        var hub = playback.Cluster.Services(playback.Consumer).GetRequiredService<RelayHub>();
        await Poll.UntilAsync(
            () => followers.All(f => playback.Cluster.Address(playback.Producer).Equals(hub.Links.GetValueOrDefault(new FanOutStreamId(StreamNamespaces.BookDeltas, f.Key)))),
            "the consumer silo attached to every book on the producer silo",
            timeout.Token);
        await Poll.UntilAsync(
            () => playback.Cluster.Address(playback.Producer).Equals(hub.Links.GetValueOrDefault(new FanOutStreamId(StreamNamespaces.Trades, tradeKey))),
            "the consumer silo attached to the trades of the producer silo",
            timeout.Token);

        await playback.PlayAsync(timeout.Token);

        foreach (var (key, follower) in followers)
        {
            var book = playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(key);
            await Poll.UntilAsync(async () => await follower.EqualsAsync(await book.GetSnapshotAsync(int.MaxValue)), $"{key} followed to the end", timeout.Token);
        }

        playback.Books(playback.Consumer).Books.Should().BeEmpty("the books live on their connector's silo only");

        // Any silo answers for any book: the same grain calls through either silo give the same answers.
        foreach (var (key, _) in followers)
        {
            var viaConsumer = playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(key);
            var viaProducer = playback.Cluster.Grains(playback.Producer).GetGrain<IOrderBookGrain>(key);
            (await viaConsumer.GetRecentTradesAsync(1000)).Should().Equal(await viaProducer.GetRecentTradesAsync(1000));
            (await viaConsumer.GetTickerAsync()).Should().Be(await viaProducer.GetTickerAsync());
        }

        var recorded = (await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(tradeKey).GetRecentTradesAsync(1000)).Reverse().ToArray();
        recorded.Should().NotBeEmpty("the recording has trades of {0}", tradeKey);
        await Poll.UntilAsync(() => trades.Count >= recorded.Length, "every trade relayed", timeout.Token);
        trades.Should().Equal(recorded, "each trade relayed once, in order");
        // Every delta after a follower's last snapshot reached it through the relay (a snapshot covers the ones before).
        foreach (var (key, follower) in followers)
        {
            var final = await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(0);
            follower.Applied.Should().BeGreaterThanOrEqualTo(final.Sequence - follower.LastSnapshotSequence, $"{key}: deltas after the last snapshot are relayed");
        }

        followers.Sum(f => f.Follower.Applied).Should().BeGreaterThan(0);
        // One forwarder per stream and remote silo: each delta crossed once (one serialization), whatever the number of
        // consumers there; the relay was attached before playback, so every delta of the book crossed.
        var publisher = playback.Cluster.Services(playback.Producer).GetRequiredService<RelayPublisher>();
        var firstFinal = await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(firstKey).GetSnapshotAsync(0);
        await Poll.UntilAsync(async () => await second.EqualsAsync(await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(firstKey).GetSnapshotAsync(int.MaxValue)), "the second consumer followed too", timeout.Token);
        publisher.ForwardedOf(new FanOutStreamId(StreamNamespaces.BookDeltas, firstKey)).Should().Be(firstFinal.Sequence, "each delta crossed once for two consumers");
        foreach (var (_, follower) in followers)
        {
            await follower.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProducerDeactivated_ConsumerOnOtherSilo_GetsHigherEpochSnapshotAndEndsEqual()
    {
        using var timeout = new CancellationTokenSource(Generous);
        await using var playback = await CrossSiloPlayback.StartAsync();
        var symbol = playback.Symbols[0];
        var key = CrossSiloPlayback.Key(symbol);
        await using var follower = await BookFollower.StartAsync(playback.Cluster.Streams(playback.Consumer), playback.Cluster.Grains(playback.Consumer), key);
        await playback.PlayAsync(timeout.Token);
        var book = playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(key);
        await Poll.UntilAsync(async () => await follower.EqualsAsync(await book.GetSnapshotAsync(int.MaxValue)), "followed to the end of playback", timeout.Token);
        var epochBefore = (await book.GetSnapshotAsync(1)).Epoch;

        // The book's activation ends (as when its silo hands it over); its connector asks the venue for the symbol again
        // (a resubscription: the venue sends a fresh snapshot), which re-activates the book as a new incarnation.
        await playback.Cluster.Cluster.DeactivateAsync(book);
        await playback.Connector.RequestSnapshotAsync(symbol);

        var after = await Poll.UntilAsync(
            () => book.GetSnapshotAsync(int.MaxValue),
            s => s.Epoch > epochBefore && s.SyncState == BookSyncState.Synced,
            "the re-activated book synced with a higher epoch",
            timeout.Token);
        await Poll.UntilAsync(async () => await follower.EqualsAsync(await book.GetSnapshotAsync(int.MaxValue)), "the consumer holds the new incarnation", timeout.Token);
        follower.SnapshotEpochs.Should().Contain(e => e > epochBefore, "the consumer took a snapshot of the new epoch");
        after.Epoch.Should().BeGreaterThan(epochBefore);
    }
}
