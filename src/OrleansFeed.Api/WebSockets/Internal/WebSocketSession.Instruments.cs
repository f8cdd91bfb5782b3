using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.Problems;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Instrument channels (<c>nbbo</c>, <c>stats</c>, <c>candles</c>): addressed by canonical instrument, not by book.</summary>
internal sealed partial class WebSocketSession
{
    /// <summary>How instrument names map to aggregators (from <c>Aggregation:QuoteCurrencyPolicy</c>); set by the endpoint.</summary>
    public QuoteCurrencyPolicy CurrencyPolicy { get; set; }

    public void OnAggregateSnapshotFailed(AggregateSubscription subscription, Exception ex)
    {
        ApiLog.SnapshotFetchFailed(_logger, Stats.Id, subscription.StreamKey, ex);
        TryEnqueue(OutboundMessage.Error(default, 503, $"snapshot of {subscription.Channel} {subscription.StreamKey} failed; unsubscribe and subscribe again"));
    }

    private static bool IsInstrumentChannel(string? channel) => channel is "nbbo" or "stats" or "candles";

    private void SubscribeInstrument(ClientRequest request)
    {
        if (!TryInstrumentTarget(request, out var channel, out var key, out var interval, out var venue, out var subscriptionKey))
        {
            return;
        }

        if (_subscriptions.ContainsKey(subscriptionKey))
        {
            Reply(request.Id, 400, $"already subscribed to {channel} {subscriptionKey.Key}");
            return;
        }

        if (!WithinSubscriptionLimit(request.Id))
        {
            return;
        }

        AggregateSubscription subscription;
        try
        {
            subscription = new AggregateSubscription(this, channel, key, _grains.GetGrain<IAggregatorGrain>(key), interval, venue);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Reply(request.Id, 503, $"instrument {key} is unavailable");
            return;
        }

        // The ack is queued before the subscription starts, so it precedes the snapshot.
        TryEnqueue(OutboundMessage.Ack(request.Id));
        _subscriptions[subscriptionKey] = subscription;
        try
        {
            subscription.Start(_streams, _ws.TradeStreamCapacity);
            Subscribed(channel, subscriptionKey.Key);
        }
        catch (InvalidOperationException)
        {
            _subscriptions.TryRemove(subscriptionKey, out _);
            _ = subscription.DisposeAsync();
            Reply(request.Id, 503, $"stream of {key} is unavailable");
        }
    }

    private async ValueTask UnsubscribeInstrumentAsync(ClientRequest request)
    {
        if (!TryInstrumentTarget(request, out var channel, out _, out _, out _, out var subscriptionKey))
        {
            return;
        }

        if (!_subscriptions.TryRemove(subscriptionKey, out var subscription))
        {
            Reply(request.Id, 404, $"not subscribed to {channel} {subscriptionKey.Key}");
            return;
        }

        await subscription.DisposeAsync();
        Unsubscribed(channel, subscriptionKey.Key);
        TryEnqueue(OutboundMessage.Ack(request.Id));
    }

    private bool TryInstrumentTarget(
        ClientRequest request,
        out string channel,
        out string key,
        out CandleInterval interval,
        out string? venue,
        out (string Channel, string Key) subscriptionKey)
    {
        channel = request.Channel!;
        interval = CandleInterval.OneMinute;
        venue = string.IsNullOrEmpty(request.Venue) ? null : request.Venue.ToLowerInvariant();
        subscriptionKey = default;
        if (string.IsNullOrEmpty(request.Instrument))
        {
            Reply(request.Id, 400, "'instrument' is a required string for channel " + channel);
            key = string.Empty;
            return false;
        }

        if (!AggregationKeys.TryResolve(_catalog, request.Instrument, CurrencyPolicy, out key))
        {
            Reply(request.Id, 404, $"unknown instrument '{ApiProblems.Echo(request.Instrument)}'");
            return false;
        }

        if (channel == "candles")
        {
            if (request.Interval is not null && !AggregationMapper.TryParseInterval(request.Interval, out interval))
            {
                Reply(request.Id, 400, "'interval' must be one of 1m, 5m, 15m, 1h, 4h, 1d");
                return false;
            }

            subscriptionKey = (channel, $"{key}/{CandleIntervals.Name(interval)}/{venue}");
            return true;
        }

        subscriptionKey = (channel, key);
        return true;
    }
}
