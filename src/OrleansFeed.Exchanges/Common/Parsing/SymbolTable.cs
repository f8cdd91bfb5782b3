using System.Collections.Concurrent;
using System.Text;

namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>
/// Maps a symbol's UTF-8 bytes as they appear in a frame to the one interned <see cref="string"/> the rest
/// of the system uses, without allocating per lookup.
/// </summary>
/// <remarks>Thread-safe. In <see cref="AcceptUnknown"/> mode (replay of a capture whose symbol list we
/// do not know up front) a new symbol is added on first sight — one allocation per symbol, ever.</remarks>
public sealed class SymbolTable
{
    private readonly ConcurrentDictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _upperCase;

    /// <summary>Creates a table.</summary>
    /// <param name="symbols">Known symbols.</param>
    /// <param name="acceptUnknown">Add unseen symbols instead of rejecting them.</param>
    /// <param name="upperCase">Upper-case incoming text before lookup (Binance stream names are lower case).</param>
    public SymbolTable(IEnumerable<string> symbols, bool acceptUnknown = false, bool upperCase = false)
    {
        _lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
        _upperCase = upperCase;
        AcceptUnknown = acceptUnknown;
        foreach (var symbol in symbols)
        {
            Add(symbol);
        }
    }

    /// <summary>Whether unseen symbols are added (replay) or rejected (live).</summary>
    public bool AcceptUnknown { get; }

    /// <summary>The symbols known so far.</summary>
    public ICollection<string> Symbols => _symbols.Keys;

    /// <summary>Adds a symbol (idempotent).</summary>
    /// <param name="symbol">The symbol as the venue's REST API spells it.</param>
    /// <returns>The interned instance.</returns>
    public string Add(string symbol)
    {
        var key = _upperCase ? symbol.ToUpperInvariant() : symbol;
        return _symbols.GetOrAdd(key, key);
    }

    /// <summary>Looks up a symbol from frame bytes.</summary>
    /// <param name="utf8">The symbol bytes (unescaped).</param>
    /// <param name="symbol">The interned symbol.</param>
    /// <returns>False when unknown and <see cref="AcceptUnknown"/> is off, or the text is over 64 bytes.</returns>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string symbol)
    {
        symbol = string.Empty;
        if (utf8.Length == 0 || utf8.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        var span = chars[..count];
        if (_upperCase)
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.ToUpperInvariant(span[i]);
            }
        }

        if (_lookup.TryGetValue(span, out var found))
        {
            symbol = found;
            return true;
        }

        if (!AcceptUnknown)
        {
            return false;
        }

        symbol = Add(new string(span));
        return true;
    }
}
