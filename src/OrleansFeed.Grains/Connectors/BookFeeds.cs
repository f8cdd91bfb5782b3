using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Connectors;

/// <summary>One connector's <see cref="BookFeed"/> per symbol, shared by its connections and its snapshot fetcher. Thread-safe.</summary>
internal sealed class BookFeeds(string venue, IGrainFactory grains, ILogger logger)
{
    private readonly ConcurrentDictionary<string, BookFeed> _bySymbol = new(StringComparer.Ordinal);

    public BookFeed For(string symbol) =>
        _bySymbol.GetOrAdd(symbol, static (s, self) => self.Create(s), this);

    /// <summary>Batch calls that failed, over every book of the connector.</summary>
    public long FailedCalls => _bySymbol.Values.Sum(f => f.FailedCalls);

    private BookFeed Create(string symbol)
    {
        var key = $"{venue}:{symbol}";
        return new BookFeed(grains.GetGrain<IBookFeedGrain>(key), key, logger);
    }
}
