using System.Collections.Concurrent;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// The live <c>chanId</c> of each symbol's book channel, shared by the protocol and its parsers: Bitfinex unsubscribes by
/// channel id (<c>{"event":"unsubscribe","chanId":N}</c>) and only the parser of the connection learns the id (from the
/// <c>subscribed</c> event), while <see cref="BitfinexProtocol.ResubscribeMessages"/> must name it to resync one book.
/// </summary>
/// <remarks>Thread-safe. A symbol's book lives on exactly one connection, so one map per protocol instance suffices.</remarks>
public sealed class BitfinexChannelDirectory
{
    private readonly ConcurrentDictionary<string, long> _bookChannels = new(StringComparer.Ordinal);

    /// <summary>Records the book channel of a symbol (called by the parser on <c>subscribed</c>).</summary>
    /// <param name="symbol">Native symbol, e.g. <c>tBTCUSD</c>.</param>
    /// <param name="chanId">The channel id the venue assigned.</param>
    public void SetBook(string symbol, long chanId) => _bookChannels[symbol] = chanId;

    /// <summary>Forgets a book channel (called by the parser on <c>unsubscribed</c>); a newer id for the symbol is kept.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="chanId">The channel id that was closed.</param>
    public void RemoveBook(string symbol, long chanId) => _bookChannels.TryRemove(new KeyValuePair<string, long>(symbol, chanId));

    /// <summary>The current book channel id of a symbol.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="chanId">The id.</param>
    /// <returns>False when no book channel of the symbol is open.</returns>
    public bool TryGetBook(string symbol, out long chanId) => _bookChannels.TryGetValue(symbol, out chanId);
}
