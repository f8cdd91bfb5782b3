using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Candles;

/// <summary>Mutable state of one candle while it is open or amendable; turned into a <see cref="Candle"/> to publish.</summary>
internal struct CandleAccumulator
{
    public long Start;
    public FixedDecimal Open;
    public FixedDecimal High;
    public FixedDecimal Low;
    public FixedDecimal Close;
    public decimal Volume;
    public decimal QuoteVolume;
    public long TradeCount;
    public bool IsAmended;
    private long _firstTime;
    private long _firstSequence;
    private long _lastTime;
    private long _lastSequence;

    public static CandleAccumulator Empty(long start, FixedDecimal previousClose) => new()
    {
        Start = start,
        Open = previousClose,
        High = previousClose,
        Low = previousClose,
        Close = previousClose,
    };

    public void Add(FixedDecimal price, FixedDecimal size, long time, long sequence)
    {
        if (TradeCount == 0)
        {
            Open = High = Low = Close = price;
            _firstTime = _lastTime = time;
            _firstSequence = _lastSequence = sequence;
        }
        else
        {
            High = price > High ? price : High;
            Low = price < Low ? price : Low;

            // Out-of-order trades: open and close follow exchange time, not arrival.
            if (time < _firstTime || (time == _firstTime && sequence < _firstSequence))
            {
                Open = price;
                _firstTime = time;
                _firstSequence = sequence;
            }

            if (time > _lastTime || (time == _lastTime && sequence > _lastSequence))
            {
                Close = price;
                _lastTime = time;
                _lastSequence = sequence;
            }
        }

        TradeCount++;
        Volume += size.ToDecimal();
        QuoteVolume += price.ToDecimal() * size.ToDecimal();
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(Start);
        writer.WriteFixed(Close);
        writer.Write7BitEncodedInt64(TradeCount);
        if (TradeCount == 0)
        {
            return;
        }

        writer.WriteFixed(Open);
        writer.WriteFixed(High);
        writer.WriteFixed(Low);
        writer.Write(Volume);
        writer.Write(QuoteVolume);
        writer.Write(IsAmended);
        writer.WriteSigned(_firstTime - Start);
        writer.WriteSigned(_firstSequence);
        writer.WriteSigned(_lastTime - Start);
        writer.WriteSigned(_lastSequence - _firstSequence);
    }

    public static CandleAccumulator Read(BinaryReader reader)
    {
        var start = reader.ReadInt64();
        var candle = Empty(start, reader.ReadFixed());
        candle.TradeCount = reader.Read7BitEncodedInt64();
        if (candle.TradeCount == 0)
        {
            return candle;
        }

        candle.Open = reader.ReadFixed();
        candle.High = reader.ReadFixed();
        candle.Low = reader.ReadFixed();
        candle.Volume = reader.ReadDecimal();
        candle.QuoteVolume = reader.ReadDecimal();
        candle.IsAmended = reader.ReadBoolean();
        candle._firstTime = start + reader.ReadSigned();
        candle._firstSequence = reader.ReadSigned();
        candle._lastTime = start + reader.ReadSigned();
        candle._lastSequence = candle._firstSequence + reader.ReadSigned();
        return candle;
    }

    public static CandleAccumulator FromState(CandleState s) => new()
    {
        Start = s.Start,
        Open = FixedDecimal.Parse(s.Open),
        High = FixedDecimal.Parse(s.High),
        Low = FixedDecimal.Parse(s.Low),
        Close = FixedDecimal.Parse(s.Close),
        Volume = s.Volume,
        QuoteVolume = s.QuoteVolume,
        TradeCount = s.TradeCount,
        IsAmended = s.IsAmended,
        _firstTime = s.FirstTime,
        _firstSequence = s.FirstSequence,
        _lastTime = s.LastTime,
        _lastSequence = s.LastSequence,
    };

    public readonly CandleState ToState() => new(
        Start, Open.ToString(), High.ToString(), Low.ToString(), Close.ToString(), Volume, QuoteVolume, TradeCount, IsAmended, _firstTime, _firstSequence, _lastTime, _lastSequence);

    public readonly Candle ToCandle(CandleInterval interval, long width, bool closed) => new(
        interval,
        new Timestamp(Start),
        new Timestamp(Start + width),
        Open,
        High,
        Low,
        Close,
        Volume,
        QuoteVolume,
        TradeCount,
        closed,
        TradeCount == 0,
        IsAmended);
}
