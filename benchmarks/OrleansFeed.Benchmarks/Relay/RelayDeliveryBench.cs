using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;
using FanOutStreamId = OrleansFeed.Grains.FanOut.FanOutStreamId;
using OrleansFeed.TestKit.Orleans;

namespace OrleansFeed.Benchmarks.Relay;

/// <summary>
/// Delivery latency of one book delta from its producer's fan-out to a consumer (issue 10's "cross-silo delivery next to
/// same-silo"), on a two-silo InProcessTestCluster (in-memory transport, real serialization): the book lives on silo 1;
/// the consumer subscribes on silo 1 (<see cref="Path.SameSilo"/>: the fan-out's queue hop only) or on silo 0
/// (<see cref="Path.CrossSilo"/>: forwarder, grain-observer call with the serialized batch, relayed publish). One op =
/// publish one delta (3 level changes) and wait until the consumer's handler has it; one delta in flight, so the
/// cross-silo figure is the relay's unbatched worst case. Every op's time is also kept, and p50/p99 are printed at cleanup.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class RelayDeliveryBench
{
    private const string Key = "okx:BTC-USDT";
    private readonly List<long> _ticks = new(1 << 20);
    private FeedTestCluster _cluster = null!;
    private IAsyncStream<BookDelta> _producer = null!;
    private IStreamSubscription _subscription = null!;
    private TaskCompletionSource<long> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    /// <summary>Where the consumer subscribes.</summary>
    public enum Path
    {
        /// <summary>On the producer's silo.</summary>
        SameSilo,

        /// <summary>On the other silo (relayed).</summary>
        CrossSilo,
    }

    [Params(Path.SameSilo, Path.CrossSilo)]
    public Path Consumer { get; set; }

    // Synchronous setup and cleanup: the in-process toolchain (used here: the out-of-process build times out on this
    // loaded machine) does not await asynchronous ones.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cluster = await FeedTestCluster.StartAsync(2);
        await _cluster.Grains(1).GetGrain<IOrderBookGrain>(Key).EnsureActiveAsync();
        var id = new FanOutStreamId(StreamNamespaces.BookDeltas, Key);
        _producer = _cluster.Streams(1).GetStream<BookDelta>(id);
        _subscription = _cluster.Streams(Consumer == Path.SameSilo ? 1 : 0).GetStream<BookDelta>(id).Subscribe(delta =>
        {
            _arrived.TrySetResult(delta.Sequence);
            return ValueTask.CompletedTask;
        });

        // The relay attaches in the background: publish until the consumer hears the producer.
        using var attached = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var arrived = _arrived.Task;
            await _producer.OnNextAsync(NextDelta());
            if (await Task.WhenAny(arrived, Task.Delay(50, attached.Token)) == arrived)
            {
                break;
            }
        }

        _ticks.Clear();
    }

    [Benchmark]
    public async Task<long> PublishToConsumer()
    {
        var start = Stopwatch.GetTimestamp();
        _arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _producer.OnNextAsync(NextDelta());
        var sequence = await _arrived.Task;
        _ticks.Add(Stopwatch.GetTimestamp() - start);
        return sequence;
    }

    private async Task CleanupAsync()
    {
        if (_ticks.Count > 0)
        {
            _ticks.Sort();
            double Micros(double q) => _ticks[(int)Math.Min(_ticks.Count - 1, Math.Floor(q * _ticks.Count))] * 1_000_000.0 / Stopwatch.Frequency;
            Console.WriteLine($"// RelayDeliveryBench {Consumer}: {_ticks.Count} deliveries, p50 {Micros(0.50):F1} µs, p99 {Micros(0.99):F1} µs, max {Micros(1.0):F1} µs");
        }

        await _subscription.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private BookDelta NextDelta()
    {
        var sequence = ++_sequence;
        var now = new Timestamp(1_700_000_000_000_000 + sequence);
        LevelChange[] changes =
        [
            new(BookSide.Bid, FixedDecimal.Parse("30000.1"), FixedDecimal.Parse("1.25")),
            new(BookSide.Ask, FixedDecimal.Parse("30000.2"), FixedDecimal.Parse("0.5")),
            new(BookSide.Ask, FixedDecimal.Parse("30000.9"), FixedDecimal.Parse("0")),
        ];
        return new BookDelta("okx", "BTC-USDT", BookDeltaKind.Update, sequence, 0, BookSyncState.Synced, sequence, changes, now, now);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
