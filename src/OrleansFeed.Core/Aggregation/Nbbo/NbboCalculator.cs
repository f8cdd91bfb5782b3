using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>
/// Keeps the latest quote per venue for one NBBO group and computes the consolidated best bid and offer.
/// </summary>
/// <remarks>
/// <para>A venue is excluded while its book is not verified, while it is halted, or while it is stale:
/// <c>now − ReceiveTime &gt; MaxQuoteAge</c> (a quote exactly <c>MaxQuoteAge</c> old is still used).
/// <c>now</c> is passed in by the caller, read from its <see cref="TimeProvider"/>.</para>
/// <para>Not thread-safe: owned by one grain activation, called one turn at a time. <see cref="Update"/>
/// allocates nothing once a venue is known; <see cref="Compute"/> allocates the published snapshot.</para>
/// </remarks>
public sealed class NbboCalculator
{
    private readonly Dictionary<string, VenueState> _venues = new(StringComparer.Ordinal);
    private readonly VenueQuoteConfig _defaultConfig;
    private Timestamp _lastExchangeTime;
    private Timestamp _lastReceiveTime;

    /// <summary>Creates a calculator for one NBBO group.</summary>
    /// <param name="groupKey">The group key (see <see cref="NbboGrouping.GroupKey"/>).</param>
    /// <param name="defaultConfig">Settings for venues without their own <see cref="Configure"/> call.</param>
    /// <exception cref="ArgumentException">The group key is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The default config is out of range.</exception>
    public NbboCalculator(string groupKey, VenueQuoteConfig defaultConfig)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupKey);
        defaultConfig.Validate();
        GroupKey = groupKey;
        _defaultConfig = defaultConfig;
    }

    /// <summary>The NBBO group key this calculator serves.</summary>
    public string GroupKey { get; }

    /// <summary>Number of venues that have sent a quote or been configured.</summary>
    public int VenueCount => _venues.Count;

    /// <summary>Sets a venue's staleness limit and taker fee; takes effect at the next <see cref="Compute"/>.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="config">The settings.</param>
    /// <exception cref="ArgumentOutOfRangeException">The config is out of range.</exception>
    public void Configure(string venue, VenueQuoteConfig config)
    {
        config.Validate();
        GetOrAdd(venue).Config = config;
    }

    /// <summary>Records a venue's latest quote and makes its event the triggering event of the next NBBO.</summary>
    /// <param name="quote">The quote; replaces the venue's previous one.</param>
    public void Update(in VenueQuote quote)
    {
        var state = GetOrAdd(quote.Venue);
        state.Quote = quote;
        state.HasQuote = true;
        _lastExchangeTime = quote.ExchangeTime;
        _lastReceiveTime = quote.ReceiveTime;
    }

    /// <summary>Forgets a venue (unsubscribed or delisted).</summary>
    /// <param name="venue">Venue id.</param>
    /// <returns>True when the venue was known.</returns>
    public bool Remove(string venue) => _venues.Remove(venue);

    /// <summary>Whether a venue takes part in the NBBO at <paramref name="now"/>, and if not, why.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    /// <returns>The eligibility; <see cref="VenueEligibility.NoQuote"/> for an unknown venue.</returns>
    public VenueEligibility GetEligibility(string venue, Timestamp now) =>
        _venues.TryGetValue(venue, out var state) ? Eligibility(state, now) : VenueEligibility.NoQuote;

    /// <summary>Computes the NBBO over the venues eligible at <paramref name="now"/>.</summary>
    /// <param name="now">Current time (UTC, µs) from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="mode">Raw displayed prices (default) or fee-adjusted all-in prices.</param>
    /// <returns>A new immutable snapshot; sides are empty (null price) when no eligible venue quotes them.</returns>
    public Nbbo Compute(Timestamp now, NbboPriceMode mode = NbboPriceMode.Raw)
    {
        decimal? bestBid = null;
        decimal? bestAsk = null;
        var eligible = 0;
        foreach (var state in _venues.Values)
        {
            if (Eligibility(state, now) != VenueEligibility.Eligible)
            {
                continue;
            }

            eligible++;
            if (state.Quote.HasBid)
            {
                var bid = Price(state, isAsk: false, mode);
                bestBid = bestBid is { } b && b >= bid ? b : bid;
            }

            if (state.Quote.HasAsk)
            {
                var ask = Price(state, isAsk: true, mode);
                bestAsk = bestAsk is { } a && a <= ask ? a : ask;
            }
        }

        var bidVenues = CollectAtPrice(bestBid, isAsk: false, mode, now, out var bidSize);
        var askVenues = CollectAtPrice(bestAsk, isAsk: true, mode, now, out var askSize);
        var both = bestBid.HasValue && bestAsk.HasValue;
        return new Nbbo(
            GroupKey,
            mode,
            bestBid,
            bidSize,
            bidVenues,
            bestAsk,
            askSize,
            askVenues,
            IsLocked: both && bestBid == bestAsk,
            IsCrossed: both && bestBid > bestAsk,
            eligible,
            _lastExchangeTime,
            _lastReceiveTime);
    }

    private VenueSize[] CollectAtPrice(decimal? best, bool isAsk, NbboPriceMode mode, Timestamp now, out decimal total)
    {
        total = 0m;
        if (best is not { } price)
        {
            return [];
        }

        var list = new List<VenueSize>(2);
        foreach (var state in _venues.Values)
        {
            var hasSide = isAsk ? state.Quote.HasAsk : state.Quote.HasBid;
            if (!hasSide || Eligibility(state, now) != VenueEligibility.Eligible || Price(state, isAsk, mode) != price)
            {
                continue;
            }

            var size = (isAsk ? state.Quote.AskSize : state.Quote.BidSize).ToDecimal();
            total += size;
            list.Add(new VenueSize(state.Quote.Venue, size));
        }

        // Dictionary order depends on insertion and removal history; publish a stable order.
        list.Sort(static (x, y) => string.CompareOrdinal(x.Venue, y.Venue));
        return [.. list];
    }

    private static decimal Price(VenueState state, bool isAsk, NbboPriceMode mode)
    {
        var raw = (isAsk ? state.Quote.AskPrice : state.Quote.BidPrice).ToDecimal();
        return mode == NbboPriceMode.FeeAdjusted ? TakerFee.Adjust(raw, state.Config.TakerFeeFraction, isAsk) : raw;
    }

    private static VenueEligibility Eligibility(VenueState state, Timestamp now)
    {
        if (!state.HasQuote)
        {
            return VenueEligibility.NoQuote;
        }

        if (!state.Quote.BookVerified)
        {
            return VenueEligibility.Unverified;
        }

        if (state.Quote.Halted)
        {
            return VenueEligibility.Halted;
        }

        var age = now.UnixMicroseconds - state.Quote.ReceiveTime.UnixMicroseconds;
        return age > state.Config.MaxQuoteAgeMicroseconds ? VenueEligibility.Stale : VenueEligibility.Eligible;
    }

    private VenueState GetOrAdd(string venue)
    {
        if (!_venues.TryGetValue(venue, out var state))
        {
            state = new VenueState { Config = _defaultConfig };
            _venues.Add(venue, state);
        }

        return state;
    }

    private sealed class VenueState
    {
        public VenueQuote Quote;
        public bool HasQuote;
        public VenueQuoteConfig Config;
    }
}
