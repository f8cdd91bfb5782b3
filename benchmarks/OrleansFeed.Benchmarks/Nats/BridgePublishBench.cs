using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Routes;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Benchmarks.Nats;

/// <summary>
/// The NATS bridge's hot path: a <see cref="BookDelta"/> encoded to JSON into the bounded queue
/// (<see cref="EncodeAndEnqueue"/>), then published to a real nats-server (<see cref="PublishThroughput"/>), and the
/// receive-to-publish latency as seen by a subscriber (<see cref="ReceiveToSubscriber"/>: event stamped, encoded,
/// queued, published, received). Starts <c>nats-server</c> (env <c>NATS_SERVER_BIN</c> or /usr/sbin/nats-server) on a
/// free port; without it the NATS benchmarks return 0 at once.
/// </summary>
[MemoryDiagnoser]
public class BridgePublishBench
{
    private const int Batch = 1000;
    private const string Subject = "md.v1.book.binance-futures.BTCUSDT";

    // Only the latency benchmark's messages reach the subscriber, so it never reads a throughput message.
    private const string LatencySubject = "md.v1.book.latency.BTCUSDT";
    private readonly NatsBridgeStatus _status = new();
    private BridgeQueue _queue = null!;
    private IBridgeRoute _route = null!;
    private Func<BookDelta, ValueTask> _onNext = null!;
    private Func<BookDelta, ValueTask> _onNextLatency = null!;
    private BridgePublisher _publisher = null!;
    private BookDelta[] _deltas = [];
    private Process? _server;
    private NatsConnection? _connection;
    private INatsSub<ReadOnlyMemory<byte>>? _subscription;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _queue = new BridgeQueue(Batch * 2, _status);
        _route = BridgeRoutes.All.Single(r => r.Namespace == StreamNamespaces.BookDeltas);
        var book = new BookKey("binance-futures", "BTCUSDT");
        var subscription = new RouteSubscription<BookDelta>((BridgeRoute<BookDelta>)_route, new RouteTarget(book.ToString(), book, "BTC-USDT-PERP"), [Subject], _queue);
        _onNext = subscription.OnNextAsync;
        _onNextLatency = new RouteSubscription<BookDelta>((BridgeRoute<BookDelta>)_route, new RouteTarget(book.ToString(), book, "BTC-USDT-PERP"), [LatencySubject], _queue).OnNextAsync;
        // A typical Binance depth@100ms diff: ten level changes around the touch.
        _deltas = Enumerable.Range(0, Batch).Select(i => new BookDelta(
            book.Venue, book.Symbol, BookDeltaKind.Update, i + 1, 1, BookSyncState.Synced, 600_859_605_926 + i,
            [.. Enumerable.Range(0, 10).Select(j => new LevelChange(j % 2 == 0 ? BookSide.Bid : BookSide.Ask, new FixedDecimal(3_201_150 + (j * 50) + i, 2), new FixedDecimal(125 * (j + 1), 3)))],
            Timestamp.FromUnixMilliseconds(1_626_992_741_264), Timestamp.FromUnixMilliseconds(1_626_992_741_301))).ToArray();
        _publisher = new BridgePublisher(_queue, _status, () => _connection, "bench", TimeProvider.System, NullLogger.Instance);
        await StartServerAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    /// <summary>Encode + enqueue + dequeue of one delta (no network): the cost on the stream pump.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int EncodeAndEnqueue()
    {
        foreach (var delta in _deltas)
        {
            _ = _onNext(delta);
        }

        var n = 0;
        while (_queue.Reader.TryRead(out var message))
        {
            n += message.Length;
            _queue.Return(message.Buffer);
        }

        return n;
    }

    /// <summary>Deltas per second through encode, queue, headers and PUB to a real server (flushed once per batch).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> PublishThroughput()
    {
        if (_connection is null)
        {
            return 0;
        }

        foreach (var delta in _deltas)
        {
            _ = _onNext(delta);
        }

        while (_queue.Reader.TryRead(out var message))
        {
            await _publisher.PublishOneAsync(message, CancellationToken.None);
            _queue.Return(message.Buffer);
        }

        await _connection.PingAsync();
        return _status.Published;
    }

    /// <summary>One delta from its receive stamp to a NATS subscriber's channel: the receive-to-publish latency plus one loopback hop.</summary>
    [Benchmark]
    public async Task<long> ReceiveToSubscriber()
    {
        if (_connection is null || _subscription is null)
        {
            return 0;
        }

        var delta = _deltas[0] with { ReceiveTime = Timestamp.Now(TimeProvider.System) };
        await _onNextLatency(delta);
        _queue.Reader.TryRead(out var message);
        await _publisher.PublishOneAsync(message, CancellationToken.None);
        _queue.Return(message.Buffer);
        var received = await _subscription.Msgs.ReadAsync();
        return received.Data.Length;
    }

    private async Task StartServerAsync()
    {
        var binary = Environment.GetEnvironmentVariable("NATS_SERVER_BIN") ?? "/usr/sbin/nats-server";
        if (!File.Exists(binary))
        {
            return;
        }

        var port = FreePort();
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        _server = Process.Start(info);
        var opts = NatsOpts.Default with { Url = $"nats://127.0.0.1:{port}" };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var connection = new NatsConnection(opts);
            try
            {
                await connection.ConnectAsync();
                _connection = connection;
                _subscription = await connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>(LatencySubject, opts: new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 1024 } });
                return;
            }
            catch (NatsException)
            {
                await connection.DisposeAsync();
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
