using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Common.Scanning;

/// <summary>A symbol lookup: the interned symbol for the bytes a venue sent, or false when it is not accepted.</summary>
/// <param name="utf8">The symbol as the venue spelled it.</param>
/// <param name="symbol">The interned symbol.</param>
/// <returns>False when the symbol is not known (and not accepted).</returns>
internal delegate bool SymbolResolver(ReadOnlySpan<byte> utf8, out string symbol);

/// <summary>
/// Remembers which exact symbol bytes a <see cref="SymbolTable"/> resolved to which interned string, so a scanner
/// resolves the handful of symbols one connection carries with a byte comparison instead of a UTF-16 decode and a
/// dictionary lookup. A table never forgets or changes a symbol, so a remembered answer stays the table's answer.
/// </summary>
/// <remarks>Not thread-safe: one per parser (one per connection).</remarks>
/// <param name="resolve">The lookup whose answers are remembered; it must never change an answer once given.</param>
internal sealed class SymbolCache(SymbolResolver resolve)
{
    // Enough for a connection's subscriptions; beyond it, the table answers (still correctly, just slower).
    private const int Capacity = 64;

    private readonly byte[][] _bytes = new byte[Capacity][];
    private readonly string[] _symbols = new string[Capacity];
    private int _count;

    /// <summary>Remembers a <see cref="SymbolTable"/>'s answers.</summary>
    /// <param name="symbols">The table.</param>
    public SymbolCache(SymbolTable symbols)
        : this(symbols.TryGet)
    {
    }

    /// <summary>The table's answer for <paramref name="utf8"/>, from memory when it was asked before.</summary>
    /// <param name="utf8">The symbol as the venue spelled it.</param>
    /// <param name="symbol">The interned symbol.</param>
    /// <returns>False when the table does not know (and does not accept) the symbol.</returns>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string symbol)
    {
        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_bytes[i]))
            {
                symbol = _symbols[i];
                return true;
            }
        }

        if (!resolve(utf8, out symbol))
        {
            return false;
        }

        if (_count < Capacity)
        {
            _bytes[_count] = utf8.ToArray();
            _symbols[_count] = symbol;
            _count++;
        }

        return true;
    }
}
