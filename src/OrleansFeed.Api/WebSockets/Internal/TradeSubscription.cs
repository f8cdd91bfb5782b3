using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Forwards a book's trades; a trade that finds the outbound queue full is dropped and counted.</summary>
internal sealed class TradeSubscription(WebSocketSession session, Instrument instrument) : SessionSubscription("trades", instrument)
{
    private IStreamSubscription? _stream;

    public void Start(IStreamProvider streams, int capacity)
    {
        var options = new StreamSubscriptionOptions { Capacity = capacity, OverflowPolicy = StreamOverflowPolicy.DropOldest };
        _stream = streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, StreamKey)).Subscribe(OnTradeAsync, options);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    private ValueTask OnTradeAsync(Trade trade)
    {
        if (!Disposed && !session.TryEnqueue(OutboundMessage.ForTrade(this, trade)))
        {
            session.OnTradeDropped();
        }

        return ValueTask.CompletedTask;
    }
}
