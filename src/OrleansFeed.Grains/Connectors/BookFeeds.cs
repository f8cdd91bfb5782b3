using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Connectors;

/// <summary>One connector's <see cref="BookFeed"/> per symbol, shared by its connections and its snapshot fetcher. Thread-safe.</summary>
/// <param name="venue">The connector's venue.</param>
/// <param name="grains">For the grain calls to books not live on this silo.</param>
/// <param name="localBooks">This silo's live books (fed in place).</param>
/// <param name="logger">Logger.</param>
internal sealed class BookFeeds(string venue, IGrainFactory grains, BookDirectory localBooks, ILogger logger)
{
    private readonly ConcurrentDictionary<string, BookFeed> _bySymbol = new(StringComparer.Ordinal);

    public BookFeed For(string symbol) =>
        _bySymbol.GetOrAdd(symbol, static (s, self) => self.Create(s), this);

    /// <summary>Batch deliveries that failed, over every book of the connector.</summary>
    public long FailedCalls => _bySymbol.Values.Sum(f => f.FailedCalls);

    private BookFeed Create(string symbol)
    {
        var key = new BookKey(venue, symbol);
        return new BookFeed(grains.GetGrain<IBookFeedGrain>(key.ToString()), key, localBooks, logger);
    }
}
