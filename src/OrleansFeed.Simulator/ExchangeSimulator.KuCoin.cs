using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private const string KuCoinVenue = "kucoin";
    private long _kuCoinSynthesized;

    /// <summary>KuCoin's ping interval announced by <c>bullet-public</c>, ms (shared/docs/exchange-protocols.md §3).</summary>
    private const int KuCoinPingIntervalMs = 18_000;

    private void MapKuCoinRest(WebApplication app)
    {
        // Token handshake (§3 "Connecting"): the endpoint returned is the simulator's own /kucoin route.
        app.MapPost("/kucoin/api/v1/bullet-public", (RequestDelegate)(ctx =>
        {
            ctx.Response.ContentType = JsonContentType;
            var endpoint = VenueWebSocketUri(KuCoinVenue).ToString();
            return ctx.Response.WriteAsync(
                $"{{\"code\":\"200000\",\"data\":{{\"token\":\"simulator-token\",\"instanceServers\":[{{\"endpoint\":\"{endpoint}\",\"encrypt\":false,\"protocol\":\"websocket\",\"pingInterval\":{KuCoinPingIntervalMs},\"pingTimeout\":10000}}]}}}}",
                ctx.RequestAborted);
        }));

        // Level-2 snapshots at the recorded path and the public partial-depth paths (§3 "REST").
        foreach (var path in new[] { "/kucoin/api/v3/market/orderbook/level2", "/kucoin/api/v1/market/orderbook/level2", "/kucoin/api/v1/market/orderbook/level2_100", "/kucoin/api/v1/market/orderbook/level2_20" })
        {
            app.MapGet(path, (RequestDelegate)HandleKuCoinSnapshotAsync);
        }
    }

    /// <summary>Synthesized KuCoin level-2 snapshots served (the true book at the playback point).</summary>
    public long KuCoinSnapshotsSynthesized => Interlocked.Read(ref _kuCoinSynthesized);

    /// <summary>Keeps KuCoin's true book of a symbol current with a played (or withheld) recorded diff, seeding it from
    /// the recorded snapshot once playback has reached it.</summary>
    private void TrackKuCoinBook(string symbol, ReadOnlyMemory<byte> recorded)
    {
        if (!_kuCoinBooks.IsSeeded(symbol) && _restSnapshots.Current(KuCoinVenue, symbol) is { Reached.IsCompleted: true } snapshot)
        {
            _kuCoinBooks.Seed(symbol, snapshot.Body);
        }

        _kuCoinBooks.Apply(symbol, recorded);
    }

    /// <summary>
    /// Answers with KuCoin's true book at the current playback point (sequence = the last played <c>sequenceEnd</c>,
    /// depth 20/100 for the partial paths) once playback has passed the symbol's recorded snapshot, so a resync after a
    /// gap succeeds; before that, with the recorded snapshot, waiting for it when playback has not reached it yet.
    /// </summary>
    private async Task HandleKuCoinSnapshotAsync(HttpContext context)
    {
        Interlocked.Increment(ref _restRequests);
        var aborted = context.RequestAborted;
        if (_options.RestDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.RestDelay, _time, aborted).ConfigureAwait(false);
        }

        if (TryTakeRestRejection(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteKuCoinErrorAsync(context, StatusCodes.Status429TooManyRequests, "429000", "Too Many Requests").ConfigureAwait(false);
            return;
        }

        var symbol = context.Request.Query["symbol"].ToString();
        if (_restSnapshots.Current(KuCoinVenue, symbol) is not { } snapshot)
        {
            await WriteKuCoinErrorAsync(context, StatusCodes.Status400BadRequest, "400100", "symbol not exists").ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var depth = path.EndsWith("level2_20", StringComparison.Ordinal) ? 20 : path.EndsWith("level2_100", StringComparison.Ordinal) ? 100 : 0;
        if (_kuCoinBooks.TrySnapshot(symbol, depth, _time.GetUtcNow().ToUnixTimeMilliseconds()) is { } synthesized)
        {
            context.Response.ContentType = JsonContentType;
            Interlocked.Increment(ref _snapshotsServed);
            Interlocked.Increment(ref _kuCoinSynthesized);
            await context.Response.Body.WriteAsync(synthesized, aborted).ConfigureAwait(false);
            return;
        }

        if (!snapshot.Reached.IsCompleted)
        {
            await snapshot.Reached.WaitAsync(aborted).ConfigureAwait(false);
        }

        context.Response.ContentType = JsonContentType;
        Interlocked.Increment(ref _snapshotsServed);
        await context.Response.Body.WriteAsync(snapshot.Body, aborted).ConfigureAwait(false);
    }

    private static Task WriteKuCoinErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"code\":\"{code}\",\"msg\":\"{message}\"}}"), context.RequestAborted).AsTask();
    }
}
