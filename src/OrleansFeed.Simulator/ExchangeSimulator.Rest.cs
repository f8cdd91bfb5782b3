using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Simulator.Internal;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private const int MaxDepthLimit = 5000;
    private const string JsonContentType = "application/json;charset=UTF-8";
    private readonly Lock _restLock = new();
    private int _restRejectionsLeft;
    private TimeSpan _restRetryAfter;
    private long _restRequests;
    private long _snapshotsServed;

    private void MapRest(WebApplication app)
    {
        // Spot and Binance.US serve /api/v3; the 2021 spot recordings fetched /api/v1 (§1 REST, §2 REST).
        app.MapGet("/api/v3/depth", (RequestDelegate)(ctx => HandleDepthAsync(ctx, futures: null)));
        app.MapGet("/api/v1/depth", (RequestDelegate)(ctx => HandleDepthAsync(ctx, futures: null)));
        app.MapGet("/fapi/v1/depth", (RequestDelegate)(ctx => HandleDepthAsync(ctx, BinanceMarket.UsdFutures)));
        app.MapGet("/dapi/v1/depth", (RequestDelegate)(ctx => HandleDepthAsync(ctx, BinanceMarket.CoinFutures)));
    }

    /// <summary>Answers a depth request: the recorded body verbatim until playback reaches the recorded snapshot's
    /// time (waiting for it), then a snapshot synthesized from the true book.</summary>
    private async Task HandleDepthAsync(HttpContext context, BinanceMarket? futures)
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
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, -1003, "Too many requests; current limit is exceeded.").ConfigureAwait(false);
            return;
        }

        var symbol = context.Request.Query["symbol"].ToString().ToUpperInvariant();
        if (symbol.Length == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.").ConfigureAwait(false);
            return;
        }

        if (!_books.TryGet(symbol, out var book) || (futures ?? BinanceMarket.Spot) != (book.Market == BinanceMarket.Us ? BinanceMarket.Spot : book.Market))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, -1121, "Invalid symbol.").ConfigureAwait(false);
            return;
        }

        var limitText = context.Request.Query["limit"].ToString();
        var limit = book.Market.IsFutures() ? 500 : 100;
        if (limitText.Length > 0 && !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.").ConfigureAwait(false);
            return;
        }

        limit = Math.Clamp(limit, 1, MaxDepthLimit);
        context.Response.ContentType = JsonContentType;
        if (!book.Reached.IsCompleted)
        {
            await book.Reached.WaitAsync(aborted).ConfigureAwait(false);
            Interlocked.Increment(ref _snapshotsServed);
            await context.Response.Body.WriteAsync(book.RecordedBody, aborted).ConfigureAwait(false);
            return;
        }

        var output = new ArrayBufferWriter<byte>(64 * 1024);
        book.WriteSnapshot(output, limit);
        Interlocked.Increment(ref _snapshotsServed);
        await context.Response.Body.WriteAsync(output.WrittenMemory, aborted).ConfigureAwait(false);
    }

    private bool TryTakeRestRejection(out TimeSpan retryAfter)
    {
        lock (_restLock)
        {
            retryAfter = _restRetryAfter;
            if (_restRejectionsLeft <= 0)
            {
                return false;
            }

            _restRejectionsLeft--;
            return true;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"{{\"code\":{code},\"msg\":\"{message}\"}}"), context.RequestAborted);
    }
}
