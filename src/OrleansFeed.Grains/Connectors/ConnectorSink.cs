using System.Runtime.CompilerServices;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// Routes what a parser found in one frame: book events, trades and the venue's BBO go to the symbol's
/// <see cref="BookFeed"/> (applied in place to the book live on this silo, batched per symbol); trades, BBOs and venue tickers also go
/// to the silo-local fan-out for the other consumers (aggregator, WebSocket, NATS bridge, Redis last values). A book
/// event's pooled levels are copied into the batch and returned here, so the book never holds the parser's arrays.
/// A rejected frame sends a <see cref="BookEventKind.PossibleLoss"/> to the book it names, or to every book of the
/// connection when its symbol could not be read (docs/errors.md#book-states).
/// </summary>
internal sealed class ConnectorSink(string venue, IStreamProvider streams, BookFeeds feeds, ConnectorCounters counters, Action onShutdownNotice, IReadOnlyList<string> bookSymbols) : IMarketEventSink
{
    private readonly HashSet<string> _books = new(bookSymbols, StringComparer.Ordinal);
    private readonly Dictionary<string, SymbolStreams> _bySymbol = new(StringComparer.Ordinal);
    private readonly List<Task> _pending = [];
    private readonly List<BookFeed> _touched = [];

    /// <summary>Sends what the frame gave each touched book and waits for the fan-out publishes that did not complete at once.</summary>
    /// <param name="atLiveEdge">
    /// The frame came from the live edge (its read waited for the network): after handing the frame's events over, let
    /// this thread run the work they queued before it goes back to the socket: the consumers' queue readers (aggregator,
    /// WebSocket sessions, NATS bridge) that the books' deltas and the trades woke, or a book's turn when its batch went
    /// as a grain call. Left in the thread pool, that work waits for a parked worker to wake (tens of µs on an idle VM,
    /// most of the receive → consumer latency at a venue's pace). In a burst (frames already buffered) this thread
    /// parses on instead, which is what keeps throughput up.
    /// </param>
    /// <returns>Completes when the frame's events are handed over (and, at the live edge, after the work they queued had its chance).</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FlushAsync(bool atLiveEdge = false)
    {
        var handedOver = _touched.Count > 0;
        foreach (var feed in _touched)
        {
            var flush = feed.FlushAsync();
            if (!flush.IsCompletedSuccessfully)
            {
                await flush.ConfigureAwait(false);
            }
        }

        _touched.Clear();
        if (handedOver && atLiveEdge)
        {
            await Task.Yield();
        }

        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var task in _pending)
        {
            await task.ConfigureAwait(false);
        }

        _pending.Clear();
    }

    public void OnBookEvent(in BookEvent bookEvent)
    {
        Touch(feeds.For(bookEvent.Symbol)).Add(bookEvent);
        bookEvent.ReturnLevels();
    }

    public void OnTrade(string symbol, in Trade trade)
    {
        Touch(feeds.For(symbol)).Add(trade);
        Track(Streams(symbol).Trades.OnNextAsync(trade));
    }

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
    {
        Touch(feeds.For(symbol)).Add(bbo);
        Track(Streams(symbol).Bbo.OnNextAsync(bbo));
    }

    public void OnVenueTicker(string symbol, in VenueTicker24h ticker) => Track(Streams(symbol).VenueTicker.OnNextAsync(ticker));

    public void OnRejected(FrameRejectReason reason, string? symbol)
    {
        if (symbol is not null && _books.Contains(symbol))
        {
            // The book counts it (its rejectedFrames) when it handles the event.
            counters.RecordRejected(reason, symbol);
            Touch(feeds.For(symbol)).Add(BookEvent.PossibleLoss(symbol, PossibleLossScope.Symbol, Timestamp.None));
            return;
        }

        counters.RecordRejected(reason, symbol, attributedToBook: false);
        if (symbol is null)
        {
            foreach (var book in bookSymbols)
            {
                Touch(feeds.For(book)).Add(BookEvent.PossibleLoss(book, PossibleLossScope.Connection, Timestamp.None));
            }
        }
    }

    public void OnServerShutdownNotice() => onShutdownNotice();

    public SymbolStreams Streams(string symbol)
    {
        lock (_bySymbol)
        {
            if (!_bySymbol.TryGetValue(symbol, out var s))
            {
                var key = $"{venue}:{symbol}";
                s = new SymbolStreams(
                    streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, key)),
                    streams.GetStream<BestBidOffer>(new FanOutStreamId(StreamNamespaces.VenueBbo, key)),
                    streams.GetStream<VenueTicker24h>(new FanOutStreamId(StreamNamespaces.VenueTicker, key)));
                _bySymbol.Add(symbol, s);
            }

            return s;
        }
    }

    private BookFeed Touch(BookFeed feed)
    {
        if (!_touched.Contains(feed))
        {
            _touched.Add(feed);
        }

        return feed;
    }

    private void Track(ValueTask publish)
    {
        if (!publish.IsCompletedSuccessfully)
        {
            _pending.Add(publish.AsTask());
        }
    }

    internal sealed record SymbolStreams(IAsyncStream<Trade> Trades, IAsyncStream<BestBidOffer> Bbo, IAsyncStream<VenueTicker24h> VenueTicker);
}
