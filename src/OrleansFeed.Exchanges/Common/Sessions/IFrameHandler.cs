using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Sessions;

/// <summary>Receives what a <see cref="WebSocketSession"/> reads. Called from the session's receive loop, one call at a time.</summary>
public interface IFrameHandler
{
    /// <summary>A complete text frame. The memory is the session's pooled buffer: use it before the returned task completes.</summary>
    /// <param name="frame">The frame's UTF-8 bytes.</param>
    /// <param name="receiveTime">When the last fragment arrived (UTC, µs).</param>
    /// <param name="arrival">Whether reading the frame had to wait for the network (the reader is at the live edge).</param>
    /// <returns>Completes when the frame is handled; the session reads the next frame only then (back-pressure).</returns>
    ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, Timestamp receiveTime, FrameArrival arrival);

    /// <summary>The connection opened (first connect or reconnect).</summary>
    void OnConnected();

    /// <summary>Every subscribe message of the plan was sent on the connection just opened. Default: nothing.</summary>
    /// <param name="messages">How many were sent.</param>
    void OnSubscribed(int messages)
    {
    }

    /// <summary>The connection was lost; the session will reconnect after a backoff.</summary>
    /// <param name="reason">Why.</param>
    void OnDisconnected(string reason);
}
