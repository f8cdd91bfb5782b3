using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Core.Tests.Aggregation;

/// <summary>Small builders for aggregation tests: exact numbers from text and UTC times from ISO text.</summary>
internal static class AggregationTestData
{
    public static FixedDecimal D(string text) => FixedDecimal.Parse(text);

    public static Timestamp At(string isoUtc) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(isoUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));

    public static Timestamp Plus(this Timestamp time, TimeSpan span) => new(time.UnixMicroseconds + (span.Ticks / 10));

    public static Timestamp PlusMicros(this Timestamp time, long micros) => new(time.UnixMicroseconds + micros);

    public static Trade Trade(string price, string size, Timestamp time) =>
        new(0, D(price), D(size), AggressorSide.Buy, time, time);

    public static BookLevel Level(string price, string size) => new(D(price), D(size));
}
