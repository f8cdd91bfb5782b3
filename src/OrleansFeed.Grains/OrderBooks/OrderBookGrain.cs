using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Common;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Instruments;

namespace OrleansFeed.Grains.OrderBooks;

/// <summary>
/// Keeps one venue-symbol's L2 book in sync with the venue by running the venue's <see cref="IBookSynchronizer"/>
/// over the connector's events, asks the connector for snapshots when the procedure needs one, and publishes
/// every change as a <see cref="BookDelta"/> with a gap-free sequence. Thin: the rules live in the venue's sync class,
/// the per-update work in the activation's <see cref="LiveBook"/>, which the connector on the same silo feeds in place
/// (docs/architecture.md, "The hot path"); the grain owns the lifecycle, the epochs and the reads.
/// </summary>
[KeepAlive]
[PreferLocalPlacement]
public sealed partial class OrderBookGrain : FeedGrain, IOrderBookGrain, IBookFeedGrain
{
    private readonly VenueRegistry _venues;
    private readonly IInstrumentCatalog _catalog;
    private readonly BookDirectory _directory;
    private readonly ILogger<OrderBookGrain> _logger;
    private readonly IPersistentState<BookIncarnationState> _incarnation;
    private LiveBook _live = null!;
    private BookKey _key;

    /// <summary>Created by the runtime per activation.</summary>
    /// <param name="venues">Venue adapters.</param>
    /// <param name="catalog">Instrument catalog.</param>
    /// <param name="directory">Where the book registers its live state: for the connector's in-place feed, health and metrics.</param>
    /// <param name="incarnation">Grain state: the last epoch reserved, so the next activation starts above it.</param>
    /// <param name="logger">Logger.</param>
    public OrderBookGrain(VenueRegistry venues, IInstrumentCatalog catalog, BookDirectory directory, [PersistentState("incarnation")] IPersistentState<BookIncarnationState> incarnation, ILogger<OrderBookGrain> logger)
    {
        _incarnation = incarnation;
        _venues = venues;
        _catalog = catalog;
        _directory = directory;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!BookKey.TryParse(GrainKey, out _key) || !_venues.TryGet(_key.Venue, out var venue))
        {
            throw new ArgumentException($"'{GrainKey}' is not a venue:symbol key of a known venue.");
        }

        var instrument = _catalog.TryGet(_key, out var known) ? known : venue.InferInstrument(_key.Symbol);
        var deltas = StreamProvider.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, _key.ToString()));
        var epochBase = _incarnation.RecordExists ? _incarnation.State.LastEpoch + 1 : 0;
        var reserved = await TryReserveEpochsAsync(epochBase + BookEpochs.Reservation - 1) ? epochBase + BookEpochs.Reservation - 1 : epochBase - 1;

        // Epoch writes later on come from the feeder's thread: they run as work of this activation.
        var scheduler = TaskScheduler.Current;
        var epochs = new BookEpochs(epochBase, reserved, through => Task.Factory.StartNew(() => ReserveEpochsAsync(through), CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap(), _key, _logger);
        var connector = GrainFactory.GetGrain<IExchangeConnectorGrain>(_key.Venue);
        _live = new LiveBook(_key, instrument, venue.CreateBookSync(_key.Symbol), deltas, epochs, connector.RequestSnapshotAsync, TimeProvider, _logger);
        _directory.Register(_live);
    }

    private async Task<bool> TryReserveEpochsAsync(long through)
    {
        try
        {
            await ReserveEpochsAsync(through);
            return true;
        }
        catch (Exception ex)
        {
            // Reserved again at the first rebuild; until then a later activation may reuse an epoch (its consumers resync on the sequence).
            LogIncarnationWriteFailed(_logger, _key.Venue, _key.Symbol, ex.Message);
            return false;
        }
    }

    private Task ReserveEpochsAsync(long through)
    {
        _incarnation.State = new BookIncarnationState(through);
        return _incarnation.WriteStateAsync();
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Closed first: a batch the connector delivers from now on goes to the next activation (as a grain call).
        if (_live is not null)
        {
            _live.Close();
            _directory.Unregister(_live);
        }

        return DisposeSubscriptionsAsync();
    }

    /// <inheritdoc />
    public Task EnsureActiveAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task<bool> FollowConnectorAsync(SiloAddress connectorSilo)
    {
        if (connectorSilo.Equals(LocalSilo))
        {
            return Task.FromResult(false);
        }

        LogFollowingConnector(_logger, _key.Venue, _key.Symbol, connectorSilo.ToString());
        RequestContext.Set(IPlacementDirector.PlacementHintKey, connectorSilo);
        MigrateOnIdle();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public async Task ApplyAsync(BookEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_live.TryApply(batch.Events, batch.Levels, batch.Trades, batch.Bbo, out var publishing))
        {
            throw new InvalidOperationException($"Book {_key} is deactivating: the batch goes to its next activation.");
        }

        await publishing;
    }

    /// <inheritdoc />
    public Task<BookSnapshot> GetSnapshotAsync(int depth) => Task.FromResult(_live.Snapshot(depth, RuntimeIdentity));

    /// <inheritdoc />
    public Task<Trade[]> GetRecentTradesAsync(int limit) => Task.FromResult(_live.RecentTrades(limit));

    /// <inheritdoc />
    public Task<Ticker> GetTickerAsync() => Task.FromResult(_live.Ticker());

    [LoggerMessage(EventId = 2005, EventName = "BookFollowingConnector", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol} is not on its connector's silo {Silo}: moving there")]
    private static partial void LogFollowingConnector(ILogger logger, string venue, string symbol, string silo);

    [LoggerMessage(EventId = 2004, EventName = "BookIncarnationWriteFailed", Level = LogLevel.Warning, Message = "Book {Venue}:{Symbol}: could not record its epoch in grain state: {Error}")]
    private static partial void LogIncarnationWriteFailed(ILogger logger, string venue, string symbol, string error);
}
