using System.Text.Json;
using OrleansFeed.Api.Problems;
using OrleansFeed.Api.Rest;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Client requests: subscribe, unsubscribe, ping. Bad requests get an error reply; the connection stays open.</summary>
internal sealed partial class WebSocketSession
{
    private async ValueTask HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        var request = ClientRequest.TryParse(utf8, out var parseError);
        if (request is null)
        {
            Reply(default, 400, parseError!);
            return;
        }

        switch (request.Op)
        {
            case "ping":
                TryEnqueue(OutboundMessage.Pong(request.Id, Timestamp.Now(_time)));
                break;
            case "subscribe" when IsInstrumentChannel(request.Channel):
                SubscribeInstrument(request);
                break;
            case "unsubscribe" when IsInstrumentChannel(request.Channel):
                await UnsubscribeInstrumentAsync(request);
                break;
            case "subscribe":
                Subscribe(request);
                break;
            case "unsubscribe":
                await UnsubscribeAsync(request);
                break;
            default:
                Reply(request.Id, 400, request.Op is null ? "missing 'op'" : $"unknown op '{request.Op}'; expected subscribe, unsubscribe or ping");
                break;
        }
    }

    private void Subscribe(ClientRequest request)
    {
        if (!TryTarget(request, out var channel, out var instrument))
        {
            return;
        }

        var depth = _options.DefaultDepth;
        if (channel == "book" && (request.DepthInvalid || request.Depth is < 1 || request.Depth > _options.MaxDepth))
        {
            Reply(request.Id, 400, $"'depth' must be an integer in 1..{_options.MaxDepth}");
            return;
        }

        if (request.Depth is { } d)
        {
            depth = (int)d;
        }

        var key = (channel, instrument.Key.ToString());
        if (_subscriptions.ContainsKey(key))
        {
            Reply(request.Id, 400, $"already subscribed to {channel} {key.Item2}");
            return;
        }

        if (!WithinSubscriptionLimit(request.Id))
        {
            return;
        }

        SessionSubscription subscription;
        try
        {
            subscription = channel == "book"
                ? new BookSubscription(this, instrument, _grains.GetGrain<IOrderBookGrain>(key.Item2), depth, _ws.SendQueueCapacity)
                : new TradeSubscription(this, instrument);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // The runtime cannot give this book's grain (a configuration problem): refuse, keep the connection.
            Reply(request.Id, 503, $"book {key.Item2} is unavailable");
            return;
        }

        // The ack is queued before the subscription starts, so it precedes the snapshot.
        TryEnqueue(OutboundMessage.Ack(request.Id));
        _subscriptions[key] = subscription;
        try
        {
            switch (subscription)
            {
                case BookSubscription book:
                    book.Start(_streams, _ws.BookStreamCapacity);
                    break;
                case TradeSubscription trades:
                    trades.Start(_streams, _ws.TradeStreamCapacity);
                    break;
            }

            Subscribed(channel, key.Item2);
        }
        catch (InvalidOperationException)
        {
            _subscriptions.TryRemove(key, out _);
            _ = subscription.DisposeAsync();
            Reply(request.Id, 503, $"stream of {key.Item2} is unavailable");
        }
    }

    private async ValueTask UnsubscribeAsync(ClientRequest request)
    {
        if (!TryTarget(request, out var channel, out var instrument))
        {
            return;
        }

        var key = (channel, instrument.Key.ToString());
        if (!_subscriptions.TryRemove(key, out var subscription))
        {
            Reply(request.Id, 404, $"not subscribed to {channel} {key.Item2}");
            return;
        }

        await subscription.DisposeAsync();
        Unsubscribed(channel, key.Item2);
        TryEnqueue(OutboundMessage.Ack(request.Id));
    }

    private bool TryTarget(ClientRequest request, out string channel, out Core.Instruments.Instrument instrument)
    {
        channel = request.Channel ?? string.Empty;
        instrument = null!;
        if (channel is not ("book" or "trades"))
        {
            Reply(request.Id, 400, request.Channel is null ? "missing 'channel'" : $"unknown channel '{request.Channel}'; expected book, trades, nbbo, stats or candles");
            return false;
        }

        if (string.IsNullOrEmpty(request.Venue) || string.IsNullOrEmpty(request.Symbol))
        {
            Reply(request.Id, 400, "'venue' and 'symbol' are required strings");
            return false;
        }

        if (!BookResolver.TryResolve(_catalog, request.Venue, request.Symbol, out instrument))
        {
            Reply(request.Id, 404, $"unknown instrument: venue '{ApiProblems.Echo(request.Venue)}', symbol '{ApiProblems.Echo(request.Symbol)}'");
            return false;
        }

        return true;
    }

    private void Reply(JsonElement id, int code, string message) => TryEnqueue(OutboundMessage.Error(id, code, message));
}
