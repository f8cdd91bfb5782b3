using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Nats.IntegrationTests;

/// <summary>Shares one nats-server (JetStream on) among the tests that do not restart it.</summary>
[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "nats-server";
}

/// <summary>Test helpers: connection factory and the per-test timeout.</summary>
internal static class NatsTestHelpers
{
    public static CancellationTokenSource Timeout(int seconds = 10) => new(TimeSpan.FromSeconds(seconds));

    public static async Task<NatsConnection> ConnectAsync(NatsServerFixture server, CancellationToken cancellationToken, NatsOpts? opts = null)
    {
        var connection = new NatsConnection((opts ?? NatsOpts.Default) with { Url = server.Url });
        await connection.ConnectAsync(cancellationToken);
        return connection;
    }

    public static ReadOnlyMemory<byte> Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> data) => System.Text.Encoding.UTF8.GetString(data.Span);
}
