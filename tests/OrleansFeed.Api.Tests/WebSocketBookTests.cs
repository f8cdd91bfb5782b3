using System.Text.Json;
using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Core.Books;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies the book channel: snapshot then gap-free deltas, buffering during the fetch, resnapshots, status, unsubscribe.</summary>
public sealed class WebSocketBookTests : IAsyncLifetime
{
    private const string SubscribeBtc = """{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":10,"id":1}""";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));
    private ApiHost _host = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Subscribe_Book_SendsAckSnapshotThenConsecutiveDeltas()
    {
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync(SubscribeBtc, Ct);

        (await client.ExpectAsync("ack", Ct)).GetProperty("id").GetInt32().Should().Be(1);
        var snapshot = await client.ExpectAsync("snapshot", Ct);
        snapshot.GetProperty("sequence").GetInt64().Should().Be(1);
        snapshot.GetProperty("instrument").GetString().Should().Be("BTC-USDT");
        snapshot.GetProperty("bids").GetRawText().Should().Be("""[["100.10","1.5"],["100.00","2.000"],["99.5","0.001"]]""");
        snapshot.GetProperty("asks").GetRawText().Should().Be("""[["100.20","0.5"],["100.3","3"]]""");
        snapshot.GetProperty("stale").GetBoolean().Should().BeFalse();

        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.10", "0"), FakeOrderBookGrain.Ask("100.25", "1.25"));
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.05", "4"));

        var first = await client.ExpectAsync("delta", Ct);
        first.GetProperty("sequence").GetInt64().Should().Be(2);
        first.GetProperty("channel").GetString().Should().Be("book");
        first.GetProperty("changes").GetRawText().Should().Be("""[["bid","100.10","0"],["ask","100.25","1.25"]]""");
        first.GetProperty("exchangeTime").GetString().Should().Be("2023-11-14T22:13:20.123456Z");
        var second = await client.ExpectAsync("delta", Ct);
        second.GetProperty("sequence").GetInt64().Should().Be(3);
        second.GetProperty("changes").GetRawText().Should().Be("""[["bid","100.05","4"]]""");
    }

    [Fact]
    public async Task Subscribe_DeltasDuringSnapshotFetch_ReplaysOnlyThoseAfterTheSnapshot()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Btc.HoldSnapshotAfterTaking = hold;
        await using var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync(SubscribeBtc, Ct);
        await client.ExpectAsync("ack", Ct);
        await _host.Btc.SnapshotTaken.Task.WaitAsync(Ct);

        // Published after the snapshot was taken (sequence 1) but before it was answered: must be buffered.
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.01", "1"));
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.02", "2"));
        _host.Btc.HoldSnapshotAfterTaking = null;
        hold.SetResult();

        (await client.ExpectAsync("snapshot", Ct)).GetProperty("sequence").GetInt64().Should().Be(1);
        (await client.ExpectAsync("delta", Ct)).GetProperty("sequence").GetInt64().Should().Be(2);
        (await client.ExpectAsync("delta", Ct)).GetProperty("sequence").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Delta_SequenceJumpFromSource_ConflatesToFreshSnapshotThenContinues()
    {
        await using var client = await SubscribedClientAsync();

        await _host.Btc.ApplyAsync(false, FakeOrderBookGrain.Bid("100.01", "1")); // lost: sequence 2 never delivered
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.02", "2"));        // sequence 3: a jump

        var snapshot = await client.ExpectAsync("snapshot", Ct);
        snapshot.GetProperty("sequence").GetInt64().Should().Be(3);
        snapshot.GetProperty("bids")[0].GetRawText().Should().Be("""["100.10","1.5"]""");
        snapshot.GetProperty("bids").EnumerateArray().Select(l => l[0].GetString()).Should().Contain(["100.01", "100.02"]);
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Ask("100.21", "1"));
        (await client.ExpectAsync("delta", Ct)).GetProperty("sequence").GetInt64().Should().Be(4);
        _host.Sessions.Sessions.Single().Conflations.Should().Be(1);
    }

    [Fact]
    public async Task Delta_Rebuilt_SendsFreshSnapshotWithNewEpoch()
    {
        await using var client = await SubscribedClientAsync();

        await _host.Btc.RebuildAsync(FakeOrderBookGrain.Bid("90", "1"), FakeOrderBookGrain.Ask("91", "2"));

        var snapshot = await client.ExpectAsync("snapshot", Ct);
        snapshot.GetProperty("epoch").GetInt64().Should().Be(2);
        snapshot.GetProperty("sequence").GetInt64().Should().Be(2);
        snapshot.GetProperty("bids").GetRawText().Should().Be("""[["90","1"]]""");
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("90", "3"));
        (await client.ExpectAsync("delta", Ct)).GetProperty("sequence").GetInt64().Should().Be(3);
        _host.Sessions.Sessions.Single().Conflations.Should().Be(0);
    }

    [Fact]
    public async Task Delta_StateOnly_UnverifiedThenSynced_ForwardedAsDeltasWithTheState()
    {
        await using var client = await SubscribedClientAsync();

        await _host.Btc.SetStateAsync(BookSyncState.Unverified);

        var unverified = await client.ExpectAsync("delta", Ct);
        unverified.GetProperty("syncState").GetString().Should().Be("unverified");
        unverified.GetProperty("stale").GetBoolean().Should().BeTrue();
        unverified.GetProperty("changes").GetArrayLength().Should().Be(0);
        await _host.Btc.SetStateAsync(BookSyncState.Synced);
        var synced = await client.ExpectAsync("delta", Ct);
        synced.GetProperty("syncState").GetString().Should().Be("synced");
        synced.GetProperty("stale").GetBoolean().Should().BeFalse();
        synced.GetProperty("sequence").GetInt64().Should().Be(unverified.GetProperty("sequence").GetInt64() + 1);
    }

    [Fact]
    public async Task Delta_Stale_IsForwardedAsSyncingStatusWithItsSequence()
    {
        await using var client = await SubscribedClientAsync();

        await _host.Btc.MarkStaleAsync();

        var status = await client.ExpectAsync("status", Ct);
        status.GetProperty("syncState").GetString().Should().Be("syncing");
        status.GetProperty("stale").GetBoolean().Should().BeTrue();
        status.GetProperty("sequence").GetInt64().Should().Be(2);
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.01", "1"));
        var delta = await client.ExpectAsync("delta", Ct);
        delta.GetProperty("sequence").GetInt64().Should().Be(3);
        delta.GetProperty("stale").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Unsubscribe_Book_StopsDeltasAndReleasesTheStream()
    {
        await using var client = await SubscribedClientAsync();

        await client.SendAsync("""{"op":"unsubscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","id":"u1"}""", Ct);
        (await client.ExpectAsync("ack", Ct)).GetProperty("id").GetString().Should().Be("u1");
        await _host.Btc.ApplyAsync(FakeOrderBookGrain.Bid("100.01", "1"));
        await client.SendAsync("""{"op":"ping","id":9}""", Ct);

        // Had the delta been forwarded it would precede the pong.
        (await client.ExpectAsync("pong", Ct)).GetProperty("id").GetInt32().Should().Be(9);
        _host.Streams.SubscriberCount<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, "binance:BTCUSDT")).Should().Be(0);
    }

    private async Task<WsClient> SubscribedClientAsync()
    {
        var client = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await client.SendAsync(SubscribeBtc, Ct);
        await client.ExpectAsync("ack", Ct);
        (await client.ExpectAsync("snapshot", Ct)).GetProperty("sequence").GetInt64().Should().Be(_host.Btc.Sequence);
        return client;
    }
}
