using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Bridge.Nats.Contracts;

/// <summary>Value formats shared by every payload: exact decimal strings, ISO-8601 UTC times with µs, side words.</summary>
internal static class JsonValues
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static void Decimal(Utf8JsonWriter w, string name, FixedDecimal value)
    {
        w.WritePropertyName(name);
        DecimalValue(w, value);
    }

    public static void DecimalValue(Utf8JsonWriter w, FixedDecimal value)
    {
        Span<byte> utf8 = stackalloc byte[FixedDecimal.MaxFormattedLength];
        value.TryFormat(utf8, out var written);
        w.WriteStringValue(utf8[..written]);
    }

    public static void Decimal(Utf8JsonWriter w, string name, decimal value) =>
        w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void Decimal(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            Decimal(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void Time(Utf8JsonWriter w, string name, Timestamp time)
    {
        if (time.IsNone)
        {
            w.WriteNull(name);
            return;
        }

        Span<byte> utf8 = stackalloc byte[32];
        time.ToDateTimeOffset().UtcDateTime.TryFormat(utf8, out var written, TimeFormat, CultureInfo.InvariantCulture);
        w.WriteString(name, utf8[..written]);
    }

    public static string SideText(AggressorSide side) => side switch
    {
        AggressorSide.Buy => "buy",
        AggressorSide.Sell => "sell",
        _ => "unknown",
    };
}
