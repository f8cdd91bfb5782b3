using System.Buffers.Text;
using System.Text.Json;

namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>
/// Reads one property value that every venue parser needs (a symbol, an integer id or time) from a
/// <see cref="Utf8JsonReader"/> positioned on the property name. No allocation; failures are returned as a
/// <see cref="FrameRejectReason"/>, never thrown.
/// </summary>
public static class JsonFieldReader
{
    /// <summary>Advances to the value and checks it is an unescaped string (then <see cref="Utf8JsonReader.ValueSpan"/> is its text).</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <returns>Whether the value is a plain string.</returns>
    public static bool TryReadString(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;

    /// <summary>Reads a symbol string and interns it through the connection's symbol table.</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="symbols">The symbol table.</param>
    /// <param name="symbol">The interned symbol.</param>
    /// <param name="reason"><see cref="FrameRejectReason.WrongFieldType"/> or <see cref="FrameRejectReason.UnknownSymbol"/> on failure.</param>
    /// <returns>Whether a known symbol was read.</returns>
    public static bool TryReadSymbol(ref Utf8JsonReader reader, SymbolTable symbols, out string symbol, out FrameRejectReason reason)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        symbol = string.Empty;
        if (!TryReadString(ref reader))
        {
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        if (!symbols.TryGet(reader.ValueSpan, out symbol))
        {
            reason = FrameRejectReason.UnknownSymbol;
            return false;
        }

        reason = default;
        return true;
    }

    /// <summary>Reads a JSON number that fits an <see cref="long"/> (Binance ids and ms times, Coinbase trade ids).</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="value">The value; 0 on failure.</param>
    /// <param name="reason"><see cref="FrameRejectReason.WrongFieldType"/> on failure.</param>
    /// <returns>Whether an integer number was read.</returns>
    public static bool TryReadInt64(ref Utf8JsonReader reader, out long value, out FrameRejectReason reason)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value))
        {
            value = 0;
            reason = FrameRejectReason.WrongFieldType;
            return false;
        }

        reason = default;
        return true;
    }

    /// <summary>Reads an integer sent as a JSON number or as a digit string (OKX, Bybit and KuCoin send ids and ms times as strings).</summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="value">The value; 0 on failure.</param>
    /// <param name="reason"><see cref="FrameRejectReason.WrongFieldType"/> on failure.</param>
    /// <returns>Whether an integer was read.</returns>
    public static bool TryReadInt64OrString(ref Utf8JsonReader reader, out long value, out FrameRejectReason reason)
    {
        reader.Read();
        var ok = TryGetInt64OrString(ref reader, out value);
        reason = ok ? default : FrameRejectReason.WrongFieldType;
        return ok;
    }

    /// <summary>The current token as an integer, from a JSON number or a whole digit string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="value">The value; 0 on failure.</param>
    /// <returns>Whether the token is such an integer.</returns>
    public static bool TryGetInt64OrString(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out value);
        }

        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && reader.ValueSpan.Length > 0 && Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length;
    }
}
