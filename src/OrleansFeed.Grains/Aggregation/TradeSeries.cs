using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>The trade-derived aggregates of one series (one venue book, or consolidated): a 24 h window and one
/// candle builder per interval. Owned by one aggregator activation; not thread-safe.</summary>
internal sealed class TradeSeries
{
    private readonly CandleBuilder[] _candles;

    public TradeSeries(CandleBuilderOptions candleOptions)
    {
        Stats = new RollingTradeStats();
        _candles = new CandleBuilder[CandleIntervals.All.Count];
        Clear(candleOptions);
    }

    public RollingTradeStats Stats { get; private set; }

    public IReadOnlyList<CandleBuilder> Candles => _candles;

    /// <summary>Trades offered since the last <see cref="TakeTraded"/>: whether open candles changed.</summary>
    public bool Traded { get; private set; }

    public void OnTrade(in Trade trade, Timestamp now)
    {
        Stats.OnTrade(trade, now);
        foreach (var builder in _candles)
        {
            builder.OnTrade(trade, now);
        }

        Traded = true;
    }

    public void Advance(Timestamp now)
    {
        Stats.Evict(now);
        foreach (var builder in _candles)
        {
            builder.Advance(now);
        }
    }

    public bool TakeTraded()
    {
        var traded = Traded;
        Traded = false;
        return traded;
    }

    public CandleBuilder Builder(CandleInterval interval) => _candles[(int)interval];

    /// <summary>Drops every trade and candle (a stored state that could not be restored).</summary>
    public void Clear(CandleBuilderOptions candleOptions)
    {
        Stats = new RollingTradeStats();
        for (var i = 0; i < _candles.Length; i++)
        {
            _candles[i] = new CandleBuilder(CandleIntervals.All[i], candleOptions);
        }

        Traded = false;
    }
}
