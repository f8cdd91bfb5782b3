using NATS.Client.Core;
using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>Test helpers: a connected NATS.Net connection, the per-test timeout, UTF-8 payloads.</summary>
internal static class NatsTestHelpers
{
    public static CancellationTokenSource Timeout(int seconds = 10) => new(TimeSpan.FromSeconds(seconds));

    public static async Task<NatsConnection> ConnectAsync(NatsServerFixture server, CancellationToken cancellationToken, NatsOpts? opts = null)
    {
        var connection = new NatsConnection((opts ?? NatsOpts.Default) with { Url = server.Url });
        await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
        return connection;
    }

    public static ReadOnlyMemory<byte> Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> data) => System.Text.Encoding.UTF8.GetString(data.Span);
}
