using OrleansFeed.Core.Time;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>One encoded message waiting in the <see cref="BridgeQueue"/>.</summary>
/// <remarks><see cref="Buffer"/> is rented from <see cref="BridgeQueue.Rent"/>; whoever takes the
/// message out of the queue returns it with <see cref="BridgeQueue.Return"/> (the publisher after sending, the queue when it drops).</remarks>
/// <param name="Subject">NATS subject.</param>
/// <param name="Buffer">Buffer rented from the queue holding the payload in its first <paramref name="Length"/> bytes.</param>
/// <param name="Length">Payload length in bytes.</param>
/// <param name="Sequence">The <c>Md-Seq</c> header value.</param>
/// <param name="Epoch">The <c>Md-Epoch</c> header value; negative for none.</param>
/// <param name="Kind">The <c>Md-Kind</c> header value; null for none.</param>
/// <param name="MsgId">The <c>Nats-Msg-Id</c> header value; null for none.</param>
/// <param name="ReceiveTime">Our receive time of the source event (UTC, µs); <see cref="Timestamp.None"/> when unknown.</param>
/// <param name="SyncState">The <c>Md-Sync-State</c> header value (book subjects); null for none.</param>
public readonly record struct OutboundMessage(
    string Subject,
    byte[] Buffer,
    int Length,
    long Sequence,
    long Epoch,
    string? Kind,
    string? MsgId,
    Timestamp ReceiveTime,
    string? SyncState = null);
