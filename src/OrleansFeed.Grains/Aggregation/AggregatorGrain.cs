using OrleansFeed.Core.Quotes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Latency;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Instruments;
using Orleans.Providers;
using Orleans.Storage;
using OrleansFeed.Grains.Common;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// Consolidates one instrument across venues (<see cref="IAggregatorGrain"/>): mirrors each venue book from its
/// deltas, keeps the NBBO, and feeds every trade to the venue's and the consolidated 24 h window and candle builders.
/// Thin: the rules live in <c>OrleansFeed.Core.Aggregation</c>. See docs/aggregation.md.
/// </summary>
[KeepAlive]
public sealed partial class AggregatorGrain : FeedGrain, IAggregatorGrain
{
    // A dropped delta shows as a sequence gap and reloads the mirror, so the book grain is never held up by a slow
    // aggregator: that also rules out a wait cycle while the aggregator awaits that book's snapshot. Trades keep the
    // default waiting queue: a lost trade would make the statistics wrong.
    private static readonly StreamSubscriptionOptions DeltaQueue = new() { Capacity = 65_536, OverflowPolicy = StreamOverflowPolicy.DropOldest };

    // Deltas held per mirror while its snapshot is fetched (a busy book publishes a few thousand per second).
    private const int MaxHeldDeltas = 65_536;

    private readonly AggregationOptions _options;
    private readonly IInstrumentCatalog _catalog;
    private readonly IPersistentState<AggregatorState> _state;
    private AggregatorStateStore _store = null!;
    private readonly ILogger<AggregatorGrain> _logger;
    private readonly List<VenueMirror> _mirrors = [];
    private readonly LatencyHistogram _fromReceive = new();
    private readonly LatencyHistogram _fromExchange = new();
    private CandleBuilderOptions _candleOptions = CandleBuilderOptions.Default;
    private TradeSeries _consolidated = null!;
    private NbboCalculator _nbbo = null!;
    private IAsyncStream<AggregatedNbbo> _nbboStream = null!;
    private IAsyncStream<AggregatedStats> _statsStream = null!;
    private IAsyncStream<CandleUpdate> _candleStream = null!;
    private AggregatedNbbo? _lastNbbo;
    private long _nbboSequence;
    private long _tradeWatermark;
    private bool _statsDirty;
    private int _ticksSinceStats;

    /// <summary>Created by the runtime per activation.</summary>
    /// <param name="options">Aggregation settings (section <c>Aggregation</c>).</param>
    /// <param name="catalog">Instrument catalog: which books feed this instrument.</param>
    /// <param name="state">Grain state (the default grain storage): the head record of the trade buckets and candles, whose segments are further records of the same storage (<see cref="AggregatorState"/>).</param>
    /// <param name="logger">Logger.</param>
    public AggregatorGrain(IOptions<AggregationOptions> options, IInstrumentCatalog catalog, [PersistentState("aggregates")] IPersistentState<AggregatorState> state, ILogger<AggregatorGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _catalog = catalog;
        _state = state;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No configured book belongs to this key.</exception>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var books = AggregationKeys.Books(_catalog, GrainKey, _options.QuoteCurrencyPolicy);
        if (books.Count == 0)
        {
            throw new ArgumentException($"No configured book trades instrument '{GrainKey}'.");
        }

        _candleOptions = CandleBuilderOptions.Default with { GracePeriod = _options.CandleGracePeriod, HistoryCapacity = _options.CandleHistory };
        _consolidated = new TradeSeries(_candleOptions);
        _nbbo = new NbboCalculator(GrainKey, new VenueQuoteConfig(_options.MaxQuoteAge, 0m));
        _nbboStream = StreamProvider.GetStream<AggregatedNbbo>(new FanOutStreamId(StreamNamespaces.Nbbo, GrainKey));
        _statsStream = StreamProvider.GetStream<AggregatedStats>(new FanOutStreamId(StreamNamespaces.Stats, GrainKey));
        _candleStream = StreamProvider.GetStream<CandleUpdate>(new FanOutStreamId(StreamNamespaces.Candles, GrainKey));
        foreach (var instrument in books.OrderBy(b => b.Venue, StringComparer.Ordinal).ThenBy(b => b.Symbol, StringComparer.Ordinal))
        {
            var mirror = new VenueMirror(instrument, _candleOptions);
            mirror.Label = books.Count(b => b.Venue == instrument.Venue) > 1 ? mirror.Key : instrument.Venue;
            _mirrors.Add(mirror);
            _nbbo.Configure(mirror.Label, _options.QuoteConfigFor(instrument.Venue));
            SubscribeInTurn(StreamProvider.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, mirror.Key)), delta => OnDeltaAsync(mirror, delta), DeltaQueue);
            SubscribeInTurn(StreamProvider.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, mirror.Key)), trade => OnTradeAsync(mirror, trade));
            SubscribeInTurn(StreamProvider.GetStream<VenueTicker24h>(new FanOutStreamId(StreamNamespaces.VenueTicker, mirror.Key)), ticker => OnVenueTicker(mirror, ticker));
        }

        _store = new AggregatorStateStore(_state, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME), this.GetGrainId());
        await RestoreAsync(cancellationToken);
        foreach (var mirror in _mirrors)
        {
            await LoadAsync(mirror);
        }

        _lastNbbo = ComputeNbbo(Timestamp.Now(TimeProvider));
        RegisterTimer(OnTickAsync, _options.TickInterval, _options.TickInterval);
        RegisterTimer(SaveAsync, FirstSaveDelay(GrainKey, _options.SaveInterval), _options.SaveInterval);
        LogActivated(_logger, GrainKey, _mirrors.Count);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await DisposeSubscriptionsAsync();

        // Orleans' memory storage dies with the silo: at shutdown its storage grains may already be gone, and a final
        // save would only fail. Durable storage (Redis) gets the final save.
        var volatileStorage = ServiceProvider.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) is MemoryGrainStorage;
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || !volatileStorage)
        {
            await SaveAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task EnsureActiveAsync() => Task.CompletedTask;

    private Timestamp TradeNow() =>
        _options.Clock == AggregationClock.Trades ? new Timestamp(_tradeWatermark) : Timestamp.Now(TimeProvider);

    private async ValueTask OnDeltaAsync(VenueMirror mirror, BookDelta delta)
    {
        if (mirror.Reloading)
        {
            // Applied after the snapshot; beyond the cap the replay sees a sequence gap and reloads again.
            if (mirror.HeldDeltas.Count < MaxHeldDeltas)
            {
                mirror.HeldDeltas.Add(delta);
            }

            return;
        }

        switch (mirror.Apply(delta))
        {
            case DeltaOutcome.Ignored:
                return;
            case DeltaOutcome.Reload:
                StartReload(mirror);
                return;
        }

        // Most deltas change deeper levels only: when the venue's top and eligibility are unchanged the NBBO is too,
        // so the update path skips computing (and allocating) it. Other venues' ageing is handled by the tick.
        var previous = mirror.LastQuote;
        var eligibleBefore = _nbbo.GetEligibility(mirror.Label, Timestamp.Now(TimeProvider)) == VenueEligibility.Eligible;
        var quote = mirror.Quote();
        _nbbo.Update(quote);
        mirror.LastQuote = quote;
        if (eligibleBefore && previous is { } p && VenueMirror.SameTop(p, quote))
        {
            return;
        }

        await PublishNbboIfChangedAsync(measure: true);
    }

    /// <summary>
    /// Reloads a mirror without holding up the delta path: the book's snapshot is fetched outside this turn (the
    /// aggregator never waits on a book while deltas queue up behind it); the venue is out of the NBBO meanwhile, and
    /// the deltas that arrive are held and applied after the snapshot.
    /// </summary>
    private void StartReload(VenueMirror mirror)
    {
        if (mirror.Reloading)
        {
            return;
        }

        mirror.Reloading = true;
        mirror.Invalidate();
        mirror.LastQuote = mirror.Quote();
        _nbbo.Update(mirror.LastQuote.Value);
        _ = ReloadAsync(mirror);
    }

    private async Task ReloadAsync(VenueMirror mirror)
    {
        try
        {
            // LoadAsync gives the reloaded top to the calculator.
            await LoadAsync(mirror);
        }
        finally
        {
            mirror.Reloading = false;
        }

        var held = mirror.TakeHeldDeltas();
        foreach (var delta in held)
        {
            await OnDeltaAsync(mirror, delta);
        }

        await PublishNbboIfChangedAsync(measure: true);
    }

    private async Task LoadAsync(VenueMirror mirror)
    {
        try
        {
            var snapshot = await GrainFactory.GetGrain<IOrderBookGrain>(mirror.Key).GetSnapshotAsync(_options.MirrorDepth);
            mirror.Load(snapshot);
        }
        catch (Exception ex)
        {
            // The next delta or tick asks again; meanwhile the venue is unverified and out of the NBBO.
            mirror.Invalidate();
            LogSnapshotFailed(_logger, GrainKey, mirror.Key, ex.Message);
        }

        mirror.LastQuote = mirror.Quote();
        _nbbo.Update(mirror.LastQuote.Value);
    }

    private async ValueTask OnTradeAsync(VenueMirror mirror, Trade trade)
    {
        var time = (trade.ExchangeTime.IsNone ? trade.ReceiveTime : trade.ExchangeTime).UnixMicroseconds;
        _tradeWatermark = Math.Max(_tradeWatermark, time);
        if (mirror.FirstTradeTime.IsNone)
        {
            mirror.FirstTradeTime = new Timestamp(time);
        }

        var now = TradeNow();
        mirror.Trades.OnTrade(trade, now);
        _consolidated.OnTrade(trade, now);
        _statsDirty = true;
        await PublishEmittedAsync(mirror.Venue, mirror.Trades);
        await PublishEmittedAsync(null, _consolidated);
    }

    // Kept as the venue states it; compared with our window when stats are built (docs/aggregation.md).
    private ValueTask OnVenueTicker(VenueMirror mirror, VenueTicker24h ticker)
    {
        mirror.VenueTicker = ticker;
        _statsDirty = true;
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 2501, EventName = "AggregatorActivated", Level = LogLevel.Information, Message = "Aggregator {Instrument} active over {Books} books")]
    private static partial void LogActivated(ILogger logger, string instrument, int books);

    [LoggerMessage(EventId = 2502, EventName = "AggregatorSnapshotFailed", Level = LogLevel.Warning, Message = "Aggregator {Instrument}: snapshot of {Book} failed: {Error}")]
    private static partial void LogSnapshotFailed(ILogger logger, string instrument, string book, string error);

    [LoggerMessage(EventId = 2503, EventName = "AggregatorStateFailed", Level = LogLevel.Warning, Message = "Aggregator {Instrument}: state {Operation} failed: {Error}")]
    private static partial void LogStateFailed(ILogger logger, string instrument, string operation, string error);
}
