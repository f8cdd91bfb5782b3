using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>What an outbound message is; decides its <c>type</c> field.</summary>
internal enum OutboundKind : byte
{
    Ack,
    Error,
    Pong,
    Heartbeat,
    Snapshot,
    Delta,
    Status,
    Trade,
    AggregateSnapshot,
    AggregateUpdate,
}

/// <summary>
/// One queued outbound message. It holds references to data the grains already allocated (snapshot, delta) and is
/// serialized only when the sender takes it, into the connection's one reused buffer.
/// </summary>
internal readonly struct OutboundMessage
{
    public OutboundKind Kind { get; private init; }

    /// <summary>The subscription a data message belongs to; messages of a disposed subscription are skipped.</summary>
    public SessionSubscription? Subscription { get; private init; }

    /// <summary><see cref="BookSnapshot"/>, <see cref="BookDelta"/> or the error text.</summary>
    public object? Payload { get; private init; }

    public Trade Trade { get; private init; }

    public JsonElement RequestId { get; private init; }

    public int Code { get; private init; }

    public Timestamp Time { get; private init; }

    public static OutboundMessage Ack(JsonElement id) => new() { Kind = OutboundKind.Ack, RequestId = id };

    public static OutboundMessage Error(JsonElement id, int code, string message) =>
        new() { Kind = OutboundKind.Error, RequestId = id, Code = code, Payload = message };

    public static OutboundMessage Pong(JsonElement id, Timestamp time) => new() { Kind = OutboundKind.Pong, RequestId = id, Time = time };

    public static OutboundMessage Heartbeat(Timestamp time) => new() { Kind = OutboundKind.Heartbeat, Time = time };

    public static OutboundMessage Snapshot(SessionSubscription subscription, BookSnapshot snapshot) =>
        new() { Kind = OutboundKind.Snapshot, Subscription = subscription, Payload = snapshot };

    public static OutboundMessage Delta(SessionSubscription subscription, BookDelta delta) =>
        new() { Kind = delta.Kind == BookDeltaKind.Stale ? OutboundKind.Status : OutboundKind.Delta, Subscription = subscription, Payload = delta };

    /// <summary>A snapshot or update of an instrument channel; <paramref name="dto"/> is the channel's v1 DTO, serialized as <c>data</c>.</summary>
    public static OutboundMessage Aggregate(SessionSubscription subscription, object dto, bool snapshot) =>
        new() { Kind = snapshot ? OutboundKind.AggregateSnapshot : OutboundKind.AggregateUpdate, Subscription = subscription, Payload = dto };

    public static OutboundMessage ForTrade(SessionSubscription subscription, Trade trade) =>
        new() { Kind = OutboundKind.Trade, Subscription = subscription, Trade = trade };
}
