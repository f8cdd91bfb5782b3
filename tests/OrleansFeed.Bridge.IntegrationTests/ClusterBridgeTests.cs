using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Bridge.Nats.Hosting;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.TestKit.Nats;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// The NATS bridge on every silo of a two-silo cluster (InProcessTestCluster), both configured with the same books, and
/// a real nats-server: each book's deltas are published once, by the silo that holds the book, never by the other.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class ClusterBridgeTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TwoSilos_EveryDeltaPublishedOnce_FromTheBooksSilo()
    {
        if (server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(Timeout);
        var prefix = $"t{server.NextId()}.md.v1";
        var settings = new Dictionary<string, string?>
        {
            ["Nats:Enabled"] = "true",
            ["Nats:Url"] = server.Url,
            ["Nats:SubjectPrefix"] = prefix,
            ["Nats:JetStream:TradesStream"] = "TRADES_" + prefix.Replace('.', '_'),
            ["Nats:JetStream:Storage"] = "Memory",
        };
        await using var playback = await CrossSiloPlayback.StartAsync(settings, (silo, configuration) => silo.Services.AddNatsBridge(configuration));
        var producer = playback.Cluster.Services(playback.Producer).GetRequiredService<NatsBridgeStatus>();
        var consumer = playback.Cluster.Services(playback.Consumer).GetRequiredService<NatsBridgeStatus>();
        await Poll.UntilAsync(() => producer.Snapshot() is { Connected: true, JetStreamReady: true } && consumer.Snapshot() is { Connected: true, JetStreamReady: true }, "both bridges connected", cts.Token);

        // Every book delta message: (subject, epoch, sequence).
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var received = new ConcurrentQueue<(string Subject, long Epoch, long Sequence)>();
        await using var subscription = await nats.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{prefix}.book.>", cancellationToken: cts.Token);
        var reader = Task.Run(async () =>
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(cts.Token))
            {
                received.Enqueue((msg.Subject, long.Parse(msg.Headers![MdHeaders.Epoch]!, CultureInfo.InvariantCulture), long.Parse(msg.Headers![MdHeaders.Sequence]!, CultureInfo.InvariantCulture)));
            }
        });
        await nats.PingAsync(cts.Token);

        await playback.PlayAsync(cts.Token);
        var finals = new Dictionary<string, BookSnapshot>();
        foreach (var symbol in playback.Symbols)
        {
            finals[MdSubjects.Book(prefix, CrossSiloPlayback.Venue, symbol)] = await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(CrossSiloPlayback.Key(symbol)).GetSnapshotAsync(0);
        }

        await Poll.UntilAsync(
            () => finals.All(f => received.Any(r => r.Subject == f.Key && r.Sequence == f.Value.Sequence)),
            "the last delta of every book arrived",
            cts.Token);

        // A book's sequences run from 1 in each activation, across its rebuilds: every one exactly once, in order. A book
        // may be re-activated during the playback (seen once on a loaded CI machine): each activation's run is checked
        // alike, and the last one must end at the book's final sequence.
        foreach (var (subject, final) in finals)
        {
            var runs = new List<List<long>>();
            foreach (var (_, _, sequence) in received.Where(r => r.Subject == subject))
            {
                if (sequence == 1 || runs.Count == 0)
                {
                    runs.Add([]);
                }

                runs[^1].Add(sequence);
            }

            runs.Should().NotBeEmpty();
            foreach (var run in runs)
            {
                run.Should().Equal(Enumerable.Range(1, run.Count).Select(i => (long)i), $"{subject}: each delta once, from one silo");
            }

            runs[^1][^1].Should().Be(final.Sequence, $"{subject}: the last delta published is the book's last");
        }

        consumer.Snapshot().Published.Should().Be(0, "the silo without books publishes none of their streams");
        producer.Snapshot().Published.Should().BeGreaterThanOrEqualTo(finals.Values.Sum(f => f.Sequence));
        await cts.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
