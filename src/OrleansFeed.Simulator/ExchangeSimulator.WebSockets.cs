using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansFeed.Simulator.Internal;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private const int MaxControlMessageBytes = 64 * 1024;
    private readonly Lock _clientsLock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _clientWaiters = [];
    private volatile SimulatorClient[] _clients = [];
    private long _nextClientId;
    private long _framesSent;
    private long _slowClients;
    private long _messagesReceived;

    /// <summary>Completes once at least <paramref name="count"/> WebSocket clients are connected and registered for
    /// broadcast (a client's <c>ConnectAsync</c> can return a moment before that).</summary>
    /// <param name="count">Clients to wait for, at least 1.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task completing when the count is reached.</returns>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    public Task WaitForClientsAsync(int count, CancellationToken cancellationToken = default)
    {
        lock (_clientsLock)
        {
            if (_clients.Length >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _clientWaiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The (channel, symbol) subscriptions the connected clients of a venue hold now, e.g. <c>("ticker", "XBT/USD")</c>
    /// (channel names as the venue's plug-in reads them). A barrier for tests: with playback paused, wait until every
    /// channel a connector subscribes is in, then resume, so no frame is played before its subscriber is there.
    /// </summary>
    /// <param name="venue">A venue id with a route (<c>kraken</c>, <c>okx</c>, …); Binance stream clients are not listed.</param>
    /// <returns>Distinct pairs; empty when no client of the venue is connected. Thread-safe snapshot.</returns>
    public IReadOnlyList<(string Channel, string Symbol)> SubscriptionsOf(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return [.. _clients.Where(c => c.Venue?.Venue == venue).SelectMany(c => c.Keys.ToArray())
            .Distinct(StringComparer.Ordinal).Select(k => (OrleansFeed.Simulator.Venues.SubscriptionKey.ChannelOf(k), OrleansFeed.Simulator.Venues.SubscriptionKey.SymbolOf(k)))];
    }

    private void MapWebSockets(WebApplication app)
    {
        foreach (var (prefix, route) in new[] { ("", StreamRoute.All), ("/public", StreamRoute.Public), ("/market", StreamRoute.Market) })
        {
            var r = route;
            app.Map(prefix + "/stream", (RequestDelegate)(ctx => HandleWebSocketAsync(ctx, r, combined: true, ctx.Request.Query["streams"].ToString())));
            app.Map(prefix + "/ws", (RequestDelegate)(ctx => HandleWebSocketAsync(ctx, r, combined: false, string.Empty)));
            app.Map(prefix + "/ws/{**streams}", (RequestDelegate)(ctx => HandleWebSocketAsync(ctx, r, combined: false, ctx.Request.RouteValues["streams"] as string ?? string.Empty)));
        }
    }

    private async Task HandleWebSocketAsync(HttpContext context, StreamRoute route, bool combined, string streams)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var names = streams.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var client = new SimulatorClient(Interlocked.Increment(ref _nextClientId), socket, route, combined, _options.MaxSendQueue, names) { Stalled = TakeStall() };
        AddClient(client);
        Log.ClientConnected(_logger, client.Id, context.Request.Path, names.Length);
        var sendLoop = client.SendLoopAsync(() => Interlocked.Increment(ref _framesSent), _stopping.Token);
        try
        {
            await ReceiveLoopAsync(client, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            RemoveClient(client);
            client.Complete();
            await sendLoop.ConfigureAwait(false);
            Log.ClientDisconnected(_logger, client.Id);
        }
    }

    internal async Task ReceiveLoopAsync(SimulatorClient client, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxControlMessageBytes);
        try
        {
            var filled = 0;
            while (true)
            {
                var result = await client.Socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                    return;
                }

                filled += result.Count;
                if (!result.EndOfMessage)
                {
                    if (filled == buffer.Length)
                    {
                        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "control message too large", cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text && client.Venue is not null)
                {
                    HandleVenueMessage(client, buffer.AsSpan(0, filled));
                }
                else if (result.MessageType == WebSocketMessageType.Text)
                {
                    var reply = ControlMessages.Handle(buffer.AsSpan(0, filled), client, out var subscribed);
                    Enqueue(client, reply);

                    // After the reply, so a client's first frame is the answer to its first SUBSCRIBE.
                    if (subscribed && client.HasSubscriptions && StartsOnSubscription)
                    {
                        StartPlayback();
                    }
                }

                Interlocked.Increment(ref _messagesReceived);
                filled = 0;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by the client, by a fault injection or by disposal: the finally block unregisters the client.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Enqueue(SimulatorClient client, ReadOnlyMemory<byte> frame)
    {
        if (!client.TryEnqueue(frame))
        {
            DisconnectSlow(client);
        }
    }

    private void DisconnectSlow(SimulatorClient client)
    {
        if (RemoveClient(client))
        {
            Interlocked.Increment(ref _slowClients);
            Log.SlowClientDisconnected(_logger, client.Id, _options.MaxSendQueue);
            client.Abort();
        }
    }

    private void AddClient(SimulatorClient client)
    {
        lock (_clientsLock)
        {
            _clients = [.. _clients, client];
            for (var i = _clientWaiters.Count - 1; i >= 0; i--)
            {
                if (_clients.Length >= _clientWaiters[i].Count)
                {
                    _clientWaiters[i].Done.TrySetResult();
                    _clientWaiters.RemoveAt(i);
                }
            }
        }

        if (client.HasSubscriptions && StartsOnSubscription)
        {
            StartPlayback();
        }
    }

    private bool RemoveClient(SimulatorClient client)
    {
        lock (_clientsLock)
        {
            var index = Array.IndexOf(_clients, client);
            if (index < 0)
            {
                return false;
            }

            _clients = [.. _clients.Where(c => c != client)];
            return true;
        }
    }
}
