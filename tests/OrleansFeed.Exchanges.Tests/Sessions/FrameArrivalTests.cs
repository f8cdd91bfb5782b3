using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sessions;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.Exchanges.Tests.Sessions;

/// <summary>
/// A real <see cref="WebSocketSession"/> against a loopback WebSocket server tells frames it had to wait for (the live
/// edge) from frames already buffered (a burst): the connector yields to its books only for the first kind.
/// </summary>
public sealed class FrameArrivalTests
{
    // Margins that order the two sides (the client is parked in a read; the server's frames are in its buffer); no
    // speed is asserted.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Session_BurstWhileHandlingAndFrameAfterAPause_BufferedThenWaited()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var handler = new RecordingHandler(Margin);
        var server = ServeAsync(listener, handler, cts.Token);
        var plan = new ConnectionPlan("public-0", new Uri($"ws://127.0.0.1:{port}/"), ["subscribe"], []);
        var session = new WebSocketSession(plan, new VenueOptions(), handler, TimeProvider.System, NullLogger.Instance) { Venue = "test" };
        var run = session.RunAsync(cts.Token);

        await server.WaitAsync(cts.Token);
        while (handler.Frames.Count < 4)
        {
            await Task.Delay(10, cts.Token);
        }

        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
        handler.Frames.Select(f => f.Text).Should().Equal("a", "b", "c", "d");
        handler.Frames.Select(f => f.Arrival).Should().Equal(FrameArrival.Waited, FrameArrival.Buffered, FrameArrival.Buffered, FrameArrival.Waited);
    }

    // After the subscribe message and a pause (the client is reading): a, b, c back to back. The handler holds "a", so b
    // and c wait in the client's buffers. Once c is handled and after a pause: d.
    private static async Task ServeAsync(HttpListener listener, RecordingHandler handler, CancellationToken cancellationToken)
    {
        var context = await listener.GetContextAsync().WaitAsync(cancellationToken);
        using var socket = (await context.AcceptWebSocketAsync(subProtocol: null)).WebSocket;
        var buffer = new byte[1024];
        await socket.ReceiveAsync(buffer, cancellationToken);
        await Task.Delay(Margin, cancellationToken);
        foreach (var text in new[] { "a", "b", "c" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }

        while (handler.Frames.Count < 3)
        {
            await Task.Delay(10, cancellationToken);
        }

        await Task.Delay(Margin, cancellationToken);
        await socket.SendAsync("d"u8.ToArray(), WebSocketMessageType.Text, true, cancellationToken);
    }

    private sealed class RecordingHandler(TimeSpan holdFirst) : IFrameHandler
    {
        public ConcurrentQueue<(string Text, FrameArrival Arrival)> Frames { get; } = new();

        public async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, Timestamp receiveTime, FrameArrival arrival)
        {
            Frames.Enqueue((Encoding.UTF8.GetString(frame.Span), arrival));
            if (Frames.Count == 1)
            {
                await Task.Delay(holdFirst);
            }
        }

        public void OnConnected()
        {
        }

        public void OnDisconnected(string reason)
        {
        }
    }
}
