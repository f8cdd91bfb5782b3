using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.OrderBooks;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.OrderBooks;

/// <summary>The epochs a book activation reserves in grain state before it publishes them.</summary>
public sealed class BookEpochsTests
{
    private static readonly BookKey Key = new("binance", "BTCUSDT");

    [Fact]
    public async Task OnPublishing_HalfTheReservationUsed_ReservesMoreOnceInTheBackground()
    {
        var writes = new List<long>();
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var epochs = new BookEpochs(64, 127, through =>
        {
            writes.Add(through);
            return write.Task;
        }, Key, new ListLogger<BookEpochs>());

        for (var epoch = 64L; epoch < 64 + (BookEpochs.Reservation / 2); epoch++)
        {
            epochs.OnPublishing(epoch);
        }

        writes.Should().BeEmpty("at least half of the reservation (64..127) is left up to epoch 95");
        epochs.OnPublishing(96);
        epochs.OnPublishing(97);
        writes.Should().Equal([96 + BookEpochs.Reservation], "one write at a time, a full reservation past the epoch published");
        epochs.ReservedThrough.Should().Be(127, "the new reservation counts once it is written");

        write.SetResult();
        await Bounded.UntilAsync(() => Task.FromResult(epochs.ReservedThrough == 96 + BookEpochs.Reservation), "the write completed");
    }

    [Fact]
    public async Task OnPublishing_WriteFails_LogsAndTriesAgainAtTheNextRebuild()
    {
        var logger = new ListLogger<BookEpochs>();
        var attempts = 0;
        var epochs = new BookEpochs(0, -1, _ =>
        {
            attempts++;
            return Task.FromException(new InvalidOperationException("storage down"));
        }, Key, logger);

        epochs.OnPublishing(0);
        await Bounded.UntilAsync(() => Task.FromResult(logger.Entries.Any(e => e.EventId.Name == "BookIncarnationWriteFailed")), "the failed write is logged");
        await Bounded.UntilAsync(() =>
        {
            epochs.OnPublishing(1);
            return Task.FromResult(attempts >= 2);
        }, "the next rebuild tries again");

        epochs.ReservedThrough.Should().Be(-1, "nothing was reserved");
        logger.Entries.Count(e => e.EventId.Name == "BookEpochNotReserved").Should().Be(1, "publishing unreserved epochs is logged once per activation");
    }
}
