using System.Text;
using System.Text.Json;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client.Internal;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using NATS.Client.Core;

namespace OrleansFeed.Client.Grains;

/// <summary>
/// <see cref="IOrderBookGrain"/> over NATS request/reply: each call is one request on the subject the bridge serves
/// for the book and the reply decoded into the grain's return type.
/// </summary>
internal sealed class NatsOrderBookGrain : IOrderBookGrain
{
    private readonly OrleansFeedClient _client;
    private readonly BookKey _key;
    private readonly string _prefix;

    public NatsOrderBookGrain(OrleansFeedClient client, BookKey key)
    {
        _client = client;
        _key = key;
        _prefix = client.Options.SubjectPrefix;
    }

    public async Task EnsureActiveAsync() => await GetTickerAsync();

    public async Task<BookSnapshot> GetSnapshotAsync(int depth)
    {
        using var doc = await RequestAsync(MdSubjects.SnapshotBook(_prefix, _key.Venue, _key.Symbol), $"{{\"depth\":{depth}}}");
        return WireReader.Snapshot(doc.RootElement);
    }

    public async Task<Trade[]> GetRecentTradesAsync(int limit)
    {
        using var doc = await RequestAsync(MdSubjects.RpcTrades(_prefix, _key.Venue, _key.Symbol), $"{{\"limit\":{limit}}}");
        return WireReader.Trades(doc.RootElement);
    }

    public async Task<Ticker> GetTickerAsync()
    {
        using var doc = await RequestAsync(MdSubjects.RpcTicker(_prefix, _key.Venue, _key.Symbol), string.Empty);
        return WireReader.Ticker(doc.RootElement);
    }

    private async Task<JsonDocument> RequestAsync(string subject, string body)
    {
        NatsMsg<ReadOnlyMemory<byte>> reply;
        try
        {
            reply = await _client.Connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(subject, Encoding.UTF8.GetBytes(body), replyOpts: _client.Options.ReplyOpts);
        }
        catch (NatsNoRespondersException ex)
        {
            throw new BookNotServedException(_key.ToString(), subject, ex);
        }

        var doc = JsonDocument.Parse(reply.Data);
        try
        {
            WireReader.ThrowIfError(doc.RootElement, subject);
            return doc;
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }
}
