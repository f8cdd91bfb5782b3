using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using OrleansFeed.Bridge.Nats.Contracts;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Bridge.Nats.Requests;

/// <summary>
/// Serves request/reply for every configured book: <c>{prefix}.snapshot.book.{venue}.{symbol}</c>,
/// <c>{prefix}.rpc.ticker...</c> and <c>{prefix}.rpc.trades...</c>. One subscription per book and kind (in a queue
/// group), so a request for a book no silo serves gets the server's no-responders status at once.
/// </summary>
/// <remarks>Subscriptions survive reconnects (the connection re-sends them). Requests of one subject are answered in order.</remarks>
internal sealed class BridgeResponder
{
    private const int DefaultTradeLimit = 100;
    private readonly IGrainFactory _grains;
    private readonly NatsBridgeStatus _status;
    private readonly ILogger _logger;
    private readonly int _snapshotDepth;

    public BridgeResponder(IGrainFactory grains, NatsBridgeStatus status, int snapshotDepth, ILogger logger)
    {
        _grains = grains;
        _status = status;
        _snapshotDepth = snapshotDepth;
        _logger = logger;
    }

    public async Task<List<Task>> StartAsync(NatsConnection connection, string prefix, string queueGroup, IEnumerable<BookKey> books, CancellationToken cancellationToken)
    {
        var loops = new List<Task>();
        foreach (var book in books)
        {
            var grain = _grains.GetGrain<IOrderBookGrain>(book.ToString());
            loops.Add(await ServeAsync(connection, MdSubjects.SnapshotBook(prefix, book.Venue, book.Symbol), queueGroup, msg => SnapshotAsync(grain, msg), cancellationToken).ConfigureAwait(false));
            loops.Add(await ServeAsync(connection, MdSubjects.RpcTicker(prefix, book.Venue, book.Symbol), queueGroup, _ => TickerAsync(grain), cancellationToken).ConfigureAwait(false));
            loops.Add(await ServeAsync(connection, MdSubjects.RpcTrades(prefix, book.Venue, book.Symbol), queueGroup, msg => TradesAsync(grain, book, msg), cancellationToken).ConfigureAwait(false));
        }

        return loops;
    }

    private async Task<Task> ServeAsync(NatsConnection connection, string subject, string queueGroup, Func<NatsMsg<ReadOnlyMemory<byte>>, Task<(byte[] Body, NatsHeaders? Headers)>> handle, CancellationToken cancellationToken)
    {
        var subscription = await connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>(subject, queueGroup, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Task.Run(() => LoopAsync(subscription, handle, cancellationToken), CancellationToken.None);
    }

    private async Task LoopAsync(INatsSub<ReadOnlyMemory<byte>> subscription, Func<NatsMsg<ReadOnlyMemory<byte>>, Task<(byte[] Body, NatsHeaders? Headers)>> handle, CancellationToken cancellationToken)
    {
        await using (subscription.ConfigureAwait(false))
        {
            try
            {
                await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (msg.ReplyTo is null)
                    {
                        continue;
                    }

                    byte[] body;
                    NatsHeaders? headers;
                    var ok = true;
                    try
                    {
                        (body, headers) = await handle(msg).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        ok = false;
                        _logger.RequestFailed(msg.Subject, ex.Message);
                        body = Encode(w => MarketJson.WriteError(w, 500, ex.Message));
                        headers = new NatsHeaders { [MdHeaders.Error] = "grain-call-failed" };
                    }

                    try
                    {
                        await msg.ReplyAsync(body, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
                        _status.OnRequest(ok);
                    }
                    catch (NatsException ex)
                    {
                        // Disconnected: the requester times out and retries.
                        _status.OnRequest(false);
                        _logger.RequestFailed(msg.Subject, ex.Message);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<(byte[], NatsHeaders?)> SnapshotAsync(IOrderBookGrain grain, NatsMsg<ReadOnlyMemory<byte>> msg)
    {
        // Above 5000 the grain returns every level it holds: what an exact copy needs.
        var depth = RequestArgs.ReadInt(msg.Data.Span, "depth", _snapshotDepth, 1, int.MaxValue);
        var snapshot = await grain.GetSnapshotAsync(depth).ConfigureAwait(false);
        var headers = new NatsHeaders
        {
            [MdHeaders.Sequence] = snapshot.Sequence.ToString(CultureInfo.InvariantCulture),
            [MdHeaders.Epoch] = snapshot.Epoch.ToString(CultureInfo.InvariantCulture),
        };
        return (Encode(w => BookJson.WriteSnapshot(w, snapshot)), headers);
    }

    private async Task<(byte[], NatsHeaders?)> TickerAsync(IOrderBookGrain grain)
    {
        var ticker = await grain.GetTickerAsync().ConfigureAwait(false);
        return (Encode(w => MarketJson.WriteTicker(w, ticker)), null);
    }

    private async Task<(byte[], NatsHeaders?)> TradesAsync(IOrderBookGrain grain, BookKey book, NatsMsg<ReadOnlyMemory<byte>> msg)
    {
        var limit = RequestArgs.ReadInt(msg.Data.Span, "limit", DefaultTradeLimit, 1, 1000);
        var trades = await grain.GetRecentTradesAsync(limit).ConfigureAwait(false);
        return (Encode(w => MarketJson.WriteTrades(w, book, trades)), null);
    }

    private static byte[] Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
