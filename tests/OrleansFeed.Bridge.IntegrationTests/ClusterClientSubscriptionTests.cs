using Microsoft.Extensions.Configuration;
using OrleansFeed.Client.Cluster;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// OrleansFeed.Client's in-cluster subscription (an Orleans cluster client, no NATS) on a two-silo InProcessTestCluster
/// playing a recorded OKX session: the copy ends equal to the book, and a re-activated book gives a higher-epoch snapshot.
/// </summary>
public sealed class ClusterClientSubscriptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TypedSubscription_ThroughPlaybackAndReactivation_EndsEqualToTheBook()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var playback = await CrossSiloPlayback.StartAsync(frameDelay: TimeSpan.FromMilliseconds(1));
        var client = playback.Cluster.Cluster.Client;
        var copies = new List<(ClusterBookSubscription Subscription, BookCopy Copy, Task Reader)>();
        foreach (var symbol in playback.Symbols)
        {
            var subscription = await client.SubscribeBookAsync(CrossSiloPlayback.Venue, symbol, cancellationToken: cts.Token);
            var copy = new BookCopy();
            copies.Add((subscription, copy, Task.Run(() => copy.FollowAsync(subscription, cts.Token))));
        }

        await playback.PlayAsync(cts.Token);
        foreach (var (subscription, copy, _) in copies)
        {
            var book = client.GetGrain<IOrderBookGrain>(subscription.Book.ToString());
            await Poll.UntilAsync(async () => copy.Equals(await book.GetSnapshotAsync(int.MaxValue)), $"{subscription.Book} followed to the end", cts.Token);
            copy.Errors.Should().BeEmpty();
        }

        copies.Sum(c => c.Subscription.Deltas).Should().BePositive("deltas were relayed to the client, not only snapshots");

        // The first book's activation ends and its connector brings it back (a resubscription with a fresh snapshot).
        var (first, firstCopy, _) = copies[0];
        var grain = client.GetGrain<IOrderBookGrain>(first.Book.ToString());
        var epochBefore = (await grain.GetSnapshotAsync(0)).Epoch;
        await playback.Cluster.Cluster.DeactivateAsync(grain);
        await playback.Connector.RequestSnapshotAsync(first.Book.Symbol);
        await Poll.UntilAsync(
            async () => await grain.GetSnapshotAsync(int.MaxValue) is { } now && now.Epoch > epochBefore && now.SyncState == BookSyncState.Synced && firstCopy.Equals(now),
            "the copy holds the re-activated book (higher epoch)",
            cts.Token);
        firstCopy.SnapshotEpochs.Should().Contain(e => e > epochBefore);

        foreach (var (subscription, _, reader) in copies)
        {
            await subscription.DisposeAsync();
            await reader;
        }
    }

    [Fact]
    public void Read_RedisOrGateways_FromTheSilosSettingNames()
    {
        var redis = OrleansClusterClientExtensions.Read(Config(("Cluster:Redis", "127.0.0.1:6379"), ("Silo:ClusterId", "east")));
        redis.Redis.Should().Be("127.0.0.1:6379");
        redis.ClusterId.Should().Be("east");

        var local = OrleansClusterClientExtensions.Read(Config());
        local.Redis.Should().BeNull();
        local.EffectiveGateways().Should().Equal("127.0.0.1:30000");

        var listed = OrleansClusterClientExtensions.Read(Config(("Client:Gateways:0", "127.0.0.1:30001"), ("Client:Gateways:1", "127.0.0.1:30002")));
        listed.EffectiveGateways().Should().Equal("127.0.0.1:30001", "127.0.0.1:30002");

        var bad = () => OrleansClusterClientExtensions.Read(Config(("Client:Gateways:0", "127.0.0.1")));
        bad.Should().Throw<InvalidOperationException>().WithMessage("Client:Gateways: '127.0.0.1' is not host:port.");
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    /// <summary>A book kept from a subscription's updates, as a client would.</summary>
    private sealed class BookCopy
    {
        private readonly Lock _lock = new();
        private readonly SortedDictionary<FixedDecimal, FixedDecimal> _bids = [];
        private readonly SortedDictionary<FixedDecimal, FixedDecimal> _asks = [];
        private readonly List<long> _snapshotEpochs = [];
        private long _epoch = -1;
        private long _sequence = -1;

        public List<string> Errors { get; } = [];

        public IReadOnlyList<long> SnapshotEpochs
        {
            get
            {
                lock (_lock)
                {
                    return [.. _snapshotEpochs];
                }
            }
        }

        public async Task FollowAsync(ClusterBookSubscription subscription, CancellationToken cancellationToken)
        {
            await foreach (var update in subscription.ReadAllAsync(cancellationToken))
            {
                lock (_lock)
                {
                    Apply(update);
                }
            }
        }

        public bool Equals(BookSnapshot snapshot)
        {
            lock (_lock)
            {
                return snapshot.Epoch == _epoch && snapshot.Sequence == _sequence
                    && snapshot.Bids.Select(l => (l.Price, l.Size)).SequenceEqual(_bids.Reverse().Select(b => (b.Key, b.Value)))
                    && snapshot.Asks.Select(l => (l.Price, l.Size)).SequenceEqual(_asks.Select(a => (a.Key, a.Value)));
            }
        }

        private void Apply(BookUpdate update)
        {
            if (update.Snapshot is { } snapshot)
            {
                _bids.Clear();
                _asks.Clear();
                foreach (var level in snapshot.Bids)
                {
                    _bids[level.Price] = level.Size;
                }

                foreach (var level in snapshot.Asks)
                {
                    _asks[level.Price] = level.Size;
                }

                _snapshotEpochs.Add(snapshot.Epoch);
            }
            else
            {
                var delta = update.Delta!;
                if (delta.Epoch != _epoch || delta.Sequence != _sequence + 1)
                {
                    Errors.Add($"delta {delta.Epoch}/{delta.Sequence} after {_epoch}/{_sequence}");
                }

                foreach (var change in delta.Changes)
                {
                    var side = change.Side == BookSide.Bid ? _bids : _asks;
                    if (change.Size.IsZero)
                    {
                        side.Remove(change.Price);
                    }
                    else
                    {
                        side[change.Price] = change.Size;
                    }
                }
            }

            _epoch = update.Epoch;
            _sequence = update.Sequence;
        }
    }
}
