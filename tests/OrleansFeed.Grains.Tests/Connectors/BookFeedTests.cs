using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.TestKit.Orleans;
using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Grains.Tests.Connectors;

/// <summary>
/// The connector → book feed against a real Orleans silo: one call in flight, events that arrive meanwhile follow as
/// one ordered batch, the two batch objects are reused call after call (Orleans passes the [Immutable] batch by
/// reference), and a failed call's batch is replaced rather than refilled while the book may still read it.
/// </summary>
public sealed class BookFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly BookFeedRecorder _recorder = new();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(
            null,
            (builder, _) =>
            {
                builder.Services.AddSingleton(_recorder);
                // The recording grain answers for IBookFeedGrain instead of the real book.
                builder.Services.Configure<GrainTypeOptions>(o => o.Classes.Remove(typeof(OrderBookGrain)));
            });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Flush_WhileCallInFlight_LaterEventsFollowAsOneOrderedBatch_TwoBatchObjectsReused()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var feed = NewFeed("test:HELD");
        _recorder.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await AddAndFlushAsync(feed, 1);
        await Poll.UntilAsync(() => _recorder.Calls == 1, "the first call in flight", cts.Token);
        for (var id = 2; id <= 101; id++)
        {
            await AddAndFlushAsync(feed, id);
        }

        feed.Calls.Should().Be(1, "one call in flight per book: the other 100 events wait for it");
        var held = _recorder.Hold;
        _recorder.Hold = null;
        held.SetResult();
        await Poll.UntilAsync(() => _recorder.AppliedIds.Count == 101, "101 events applied", cts.Token);

        _recorder.Applied.Select(c => c.Count).Should().Equal(1, 100);
        _recorder.AppliedIds.Should().Equal(Enumerable.Range(1, 101).Select(i => (long)i));
        _recorder.Applied.SelectMany(c => c).Should().OnlyContain(e => e.FirstPrice == Price(e.LastUpdateId), "each event keeps its own levels");

        for (var id = 102; id <= 151; id++)
        {
            await AddAndFlushAsync(feed, id);
            await Poll.UntilAsync(() => _recorder.AppliedIds.Count == id, $"event {id} applied", cts.Token);
        }

        _recorder.AppliedIds.Should().Equal(Enumerable.Range(1, 151).Select(i => (long)i));
        feed.Calls.Should().Be(52);
        _recorder.DistinctBatches.Should().Be(2, "the feed's two batches take turns and Orleans does not copy them");
        feed.BatchesCreated.Should().Be(2);
        feed.FailedCalls.Should().Be(0);
    }

    [Fact]
    public async Task Flush_CallFails_ItsEventsLostOnce_BatchReplaced_LaterEventsDelivered()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var feed = NewFeed("test:FAILS");
        _recorder.FailOnCall = 2;

        for (var id = 1; id <= 5; id++)
        {
            await AddAndFlushAsync(feed, id);
            var expectedCalls = id;
            await Poll.UntilAsync(() => feed.Calls == expectedCalls && (_recorder.AppliedIds.Count + (int)feed.FailedCalls) == expectedCalls, $"call {id} returned", cts.Token);
        }

        _recorder.AppliedIds.Should().Equal(1, 3, 4, 5);
        feed.FailedCalls.Should().Be(1);
        feed.BatchesCreated.Should().Be(3, "the failed call's batch may still be read by the book, so a new one replaces it");
        _recorder.DistinctBatches.Should().Be(3);
    }

    private BookFeed NewFeed(string key) => new(_silo.Grains.GetGrain<IBookFeedGrain>(key), key, NullLogger.Instance);

    private static ValueTask AddAndFlushAsync(BookFeed feed, long id)
    {
        var levels = new[] { new LevelUpdate(BookSide.Bid, FixedDecimal.Parse(Price(id)), FixedDecimal.Parse("1")) };
        feed.Add(new BookEvent(BookEventKind.Diff, "X", id, id, id - 1, levels, levels.Length, Timestamp.None, Timestamp.FromUnixMilliseconds(id)));
        return feed.FlushAsync();
    }

    private static string Price(long id) => (100 + id).ToString(CultureInfo.InvariantCulture);
}
