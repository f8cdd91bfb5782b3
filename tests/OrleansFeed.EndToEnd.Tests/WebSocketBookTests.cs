using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Tests.Reference;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>Checks the book snapshot a WebSocket subscriber gets from the real silo equals the independent rebuild.</summary>
public class WebSocketBookTests
{
    [Fact]
    public async Task WebSocketSubscribe_AfterReplay_SnapshotEqualsIndependentRebuild()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var files = SiloAgainstSimulatorTests.SessionFiles("binance_spot", "2021-10-12");
        var reference = ReferenceBinanceBooks.Build(files, futures: false);
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, false)], cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        foreach (var (symbol, expected) in reference)
        {
            await SiloAgainstSimulatorTests.WaitForUpdateIdAsync(silo, symbol, expected.LastUpdateId, cts.Token);
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{silo.Api.Authority}/ws"), cts.Token);
            var subscribe = $$"""{"op":"subscribe","channel":"book","venue":"{{silo.Venue}}","symbol":"{{symbol}}","depth":5000,"id":1}""";
            await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, cts.Token);

            JsonDocument? snapshot = null;
            while (snapshot is null)
            {
                var message = await ReceiveAsync(socket, cts.Token);
                var doc = JsonDocument.Parse(message);
                if (doc.RootElement.GetProperty("type").GetString() == "snapshot")
                {
                    snapshot = doc;
                }
            }

            using (snapshot)
            {
                snapshot.RootElement.GetProperty("syncState").GetString().Should().Be("synced");
                Side(snapshot.RootElement.GetProperty("bids")).Should().Equal(expected.Bids.Select(kv => (kv.Key, kv.Value)), $"{symbol} WebSocket bids");
                Side(snapshot.RootElement.GetProperty("asks")).Should().Equal(expected.Asks.Select(kv => (kv.Key, kv.Value)), $"{symbol} WebSocket asks");
            }
        }
    }

    private static List<(decimal, string)> Side(JsonElement side) =>
        side.EnumerateArray().Select(l => (decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), l[1].GetString()!)).ToList();

    internal static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
