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

        // The playback has been sent, not necessarily applied: the books may still be working through queued frames (at
        // speed 0 a read right after the playback saw sequence 27 of a book that went on to 48). Wait until every book's
        // sequence equals the last one published for it, read from the silo without books.
        var finals = new Dictionary<string, BookSnapshot>();
        var seen = Array.Empty<(string Subject, long Epoch, long Sequence)>();
        await Poll.UntilAsync(
            async () =>
            {
                // The snapshots are compared with what had arrived before they were read; later messages are ignored.
                seen = received.ToArray();
                foreach (var symbol in playback.Symbols)
                {
                    var subject = MdSubjects.Book(prefix, CrossSiloPlayback.Venue, symbol);
                    var snapshot = await playback.Cluster.Grains(playback.Consumer).GetGrain<IOrderBookGrain>(CrossSiloPlayback.Key(symbol)).GetSnapshotAsync(0);
                    finals[subject] = snapshot;
                    if (!seen.Any(r => r.Subject == subject && r.Sequence == snapshot.Sequence)
                        || seen.Where(r => r.Subject == subject).Max(r => r.Sequence) != snapshot.Sequence)
                    {
                        return false;
                    }
                }

                return true;
            },
            "every book's last delta published and its sequence settled",
            cts.Token);

        // The books' sequences run from 1 in this activation: every one exactly once, in order.
        foreach (var (subject, final) in finals)
        {
            seen.Where(r => r.Subject == subject).Select(r => r.Sequence).Should().Equal(
                Enumerable.Range(1, (int)final.Sequence).Select(i => (long)i), $"{subject}: each delta once, from one silo");
        }

        consumer.Snapshot().Published.Should().Be(0, "the silo without books publishes none of their streams");
        producer.Snapshot().Published.Should().BeGreaterThanOrEqualTo(finals.Values.Sum(f => f.Sequence));
        await cts.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
