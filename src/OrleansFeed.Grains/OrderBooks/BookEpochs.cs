using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// The epochs one book activation may publish, kept ahead in grain state so that a later activation always starts
/// above them. The activation starts at <see cref="Base"/> (one past what the previous ones reserved) and reserves
/// <see cref="Reservation"/> epochs before it publishes any; when half of them are used it reserves more, in the
/// background. So a rebuild never waits for storage, and a consumer never sees an epoch that a crash could hand out a
/// second time (issue 9, "book incarnations").
/// </summary>
/// <remarks>Thread-safe: <see cref="OnPublishing"/> runs under the book's lock on the feeder's thread, the writes run
/// on the grain's scheduler.</remarks>
internal sealed partial class BookEpochs
{
    /// <summary>Epochs reserved per write: a book rebuilds once per resync, so one write lasts for dozens of resyncs.</summary>
    public const long Reservation = 64;

    private readonly Func<long, Task> _reserve;
    private readonly BookKey _key;
    private readonly ILogger _logger;
    private long _reservedThrough;
    private int _reserving;
    private int _overrunLogged;

    /// <summary>Creates the epochs of an activation whose first reservation was attempted already.</summary>
    /// <param name="base">The activation's first epoch: one past the last epoch recorded in grain state (0 for a new book).</param>
    /// <param name="reservedThrough">The last epoch the recorded reservation covers (<paramref name="base"/> − 1 when
    /// the activation could not write one).</param>
    /// <param name="reserve">Records a new last reserved epoch in grain state (on the grain's scheduler).</param>
    /// <param name="key">The book (for logs).</param>
    /// <param name="logger">Logger.</param>
    public BookEpochs(long @base, long reservedThrough, Func<long, Task> reserve, BookKey key, ILogger logger)
    {
        Base = @base;
        _reservedThrough = reservedThrough;
        _reserve = reserve;
        _key = key;
        _logger = logger;
    }

    /// <summary>The activation's first epoch (the sync procedure's rebuild count is added to it).</summary>
    public long Base { get; }

    /// <summary>The last epoch recorded as reserved so far.</summary>
    public long ReservedThrough => Interlocked.Read(ref _reservedThrough);

    /// <summary>
    /// Called before a delta of <paramref name="epoch"/> is published: reserves more epochs in the background when less
    /// than half of the reservation is left. Publishing beyond the reservation (grain storage failing for the
    /// whole of it) is logged once: a later activation may then reuse an epoch, and its consumers resync on the
    /// sequence instead.
    /// </summary>
    /// <param name="epoch">The epoch about to be published.</param>
    public void OnPublishing(long epoch)
    {
        var reserved = ReservedThrough;
        if (epoch > reserved && Interlocked.Exchange(ref _overrunLogged, 1) == 0)
        {
            LogEpochNotReserved(_logger, _key.Venue, _key.Symbol, epoch, reserved);
        }

        if (epoch + Reservation / 2 > reserved && Interlocked.CompareExchange(ref _reserving, 1, 0) == 0)
        {
            _ = ReserveAsync(epoch + Reservation);
        }
    }

    private async Task ReserveAsync(long through)
    {
        try
        {
            await _reserve(through).ConfigureAwait(false);
            Interlocked.Exchange(ref _reservedThrough, through);
        }
        catch (Exception ex)
        {
            // Tried again at the next rebuild.
            LogReservationFailed(_logger, _key.Venue, _key.Symbol, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _reserving, 0);
        }
    }

    [LoggerMessage(EventId = 2004, EventName = "BookIncarnationWriteFailed", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol}: could not record its epoch in grain state: {Error}")]
    private static partial void LogReservationFailed(ILogger logger, string venue, string symbol, string error);

    [LoggerMessage(EventId = 2007, EventName = "BookEpochNotReserved", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol} publishes epoch {Epoch} beyond its recorded reservation ({ReservedThrough}): a later activation may reuse it (logged once per activation)")]
    private static partial void LogEpochNotReserved(ILogger logger, string venue, string symbol, long epoch, long reservedThrough);
}
