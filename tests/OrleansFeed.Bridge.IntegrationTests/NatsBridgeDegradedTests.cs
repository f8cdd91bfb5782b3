using OrleansFeed.Core.Books;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Core.Time;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>The bridge never holds up ingest: a full queue drops the newest message and counts it; with no NATS at all the silo still serves.</summary>
public sealed class NatsBridgeDegradedTests
{
    [Fact]
    public void BridgeQueue_WhenFull_DropsNewestAndCountsIt()
    {
        var status = new NatsBridgeStatus();
        var queue = new BridgeQueue(capacity: 2, status);

        var accepted = Enumerable.Range(0, 5).Count(i => queue.TryEnqueue(Message(i)));

        accepted.Should().Be(2);
        status.Snapshot().Should().Match<NatsBridgeCounters>(c => c.Enqueued == 2 && c.DroppedQueueFull == 3);
        queue.Reader.TryRead(out var first).Should().BeTrue();
        first.Sequence.Should().Be(0, "the oldest messages are kept: drop-newest");
        queue.Reader.TryRead(out var second).Should().BeTrue();
        second.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task Silo_WithNatsUnreachable_ServesBooksAndCountsDrops()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var url = $"nats://127.0.0.1:{FreePort.Next()}";
        await using var silo = await BridgedSilo.StartAsync(url, "md.v1", cts.Token);
        silo.Simulator.Resume();
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var book = await silo.Grain(silo.Symbols[0]).GetSnapshotAsync(10);
        book.SyncState.Should().Be(BookSyncState.Synced);
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().QueueDepth == 0, "bridge queue drained", cts.Token);
        var status = silo.Status.Snapshot();
        status.Connected.Should().BeFalse();
        status.Published.Should().Be(0);
        status.DroppedDisconnected.Should().Be(status.Enqueued, "every message is dropped and counted while NATS is unreachable");
        status.Enqueued.Should().BePositive();

        var health = await silo.Silo.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == NatsBridgeHealthCheck.Name, cts.Token);
        health.Entries[NatsBridgeHealthCheck.Name].Status.Should().Be(HealthStatus.Degraded, "NATS down degrades readiness but never fails it");
    }

    private static OutboundMessage Message(int i) =>
        new("md.v1.book.x.y", System.Buffers.ArrayPool<byte>.Shared.Rent(16), 16, i, 1, "update", null, Timestamp.None);
}
