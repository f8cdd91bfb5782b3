using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Grains.Connectors;

/// <summary>
/// Routes parsed events to per-symbol streams. Stream handles are cached per interned symbol, so publishing
/// allocates nothing; a publish that has to wait for queue room is awaited by the receive loop (back-pressure).
/// </summary>
internal sealed class ConnectorSink(string venue, IStreamProvider streams, ConnectorCounters counters, Action onShutdownNotice) : IMarketEventSink
{
    private readonly Dictionary<string, SymbolStreams> _bySymbol = new(StringComparer.Ordinal);
    private readonly List<Task> _pending = [];

    public async ValueTask FlushAsync()
    {
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

    public void OnBookEvent(in BookEvent bookEvent) => Track(Streams(bookEvent.Symbol).Book.OnNextAsync(bookEvent));

    public void OnTrade(string symbol, in Trade trade) => Track(Streams(symbol).Trades.OnNextAsync(trade));

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo) => Track(Streams(symbol).Bbo.OnNextAsync(bbo));

    public void OnVenueTicker(string symbol, in VenueTicker24h ticker) => Track(Streams(symbol).VenueTicker.OnNextAsync(ticker));

    public void OnRejected(FrameRejectReason reason, string? symbol)
    {
        counters.RecordRejected(reason, symbol);
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
                    streams.GetStream<BookEvent>(new StreamId(StreamNamespaces.BookEvents, key)),
                    streams.GetStream<Trade>(new StreamId(StreamNamespaces.Trades, key)),
                    streams.GetStream<BestBidOffer>(new StreamId(StreamNamespaces.VenueBbo, key)),
                    streams.GetStream<VenueTicker24h>(new StreamId(StreamNamespaces.VenueTicker, key)));
                _bySymbol.Add(symbol, s);
            }

            return s;
        }
    }

    private void Track(ValueTask publish)
    {
        if (!publish.IsCompletedSuccessfully)
        {
            _pending.Add(publish.AsTask());
        }
    }

    internal sealed record SymbolStreams(IAsyncStream<BookEvent> Book, IAsyncStream<Trade> Trades, IAsyncStream<BestBidOffer> Bbo, IAsyncStream<VenueTicker24h> VenueTicker);
}
