using OrleansFeed.TestKit.Nats;
using static OrleansFeed.Nats.IntegrationTests.NatsTestHelpers;

namespace OrleansFeed.Nats.IntegrationTests;

/// <summary>Verifies reconnect + resubscribe after a server restart and user/password authentication, each on a private server.</summary>
public sealed class NatsReconnectAndAuthTests
{
    [Fact]
    public async Task ServerRestart_MidStream_ClientReconnectsResubscribesAndMessagesFlowAgain()
    {
        await using var server = NatsServerFixture.WithArgs();
        await server.InitializeAsync();
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout(20);
        var opts = NatsOpts.Default with { ReconnectWaitMin = TimeSpan.FromMilliseconds(20), ReconnectWaitMax = TimeSpan.FromMilliseconds(200), ReconnectJitter = TimeSpan.FromMilliseconds(20) };
        await using var nats = await ConnectAsync(server, cts.Token, opts);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nats.ConnectionDisconnected += (_, _) => disconnected.TrySetResult();
        nats.ConnectionOpened += (_, e) =>
        {
            if (e.Attempt > 0)
            {
                reopened.TrySetResult();
            }
        };
        await using var sub = await nats.SubscribeCoreAsync("t.restart", cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);
        await nats.PublishAsync("t.restart", Bytes("before"), cancellationToken: cts.Token);
        Text((await sub.Msgs.ReadAsync(cts.Token)).Data).Should().Be("before");

        await server.StopAsync();
        await disconnected.Task.WaitAsync(cts.Token);
        await nats.PublishAsync("t.restart", Bytes("buffered"), cancellationToken: cts.Token);
        await server.StartAsync();
        await reopened.Task.WaitAsync(cts.Token);
        await nats.PublishAsync("t.restart", Bytes("after"), cancellationToken: cts.Token);

        Text((await sub.Msgs.ReadAsync(cts.Token)).Data).Should().Be("buffered");
        Text((await sub.Msgs.ReadAsync(cts.Token)).Data).Should().Be("after");
        nats.ConnectionState.Should().Be(NatsConnectionState.Open);
    }

    [Fact]
    public async Task Connect_WrongPassword_ThrowsAuthErrorAndRightPasswordConnects()
    {
        await using var server = NatsServerFixture.WithArgs("--user", "feed", "--pass", "s3cret");
        await server.InitializeAsync();
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();

        var wrong = new NatsConnection(NatsOpts.Default with { Url = server.Url, Username = "feed", Password = "nope" });
        await using (wrong)
        {
            var act = async () => await wrong.ConnectAsync(cts.Token);
            (await act.Should().ThrowAsync<NatsServerException>()).Which.IsAuthError.Should().BeTrue();
        }

        await using var right = await ConnectAsync(server, cts.Token, NatsOpts.Default with { Username = "feed", Password = "s3cret" });
        await right.FlushAsync(cts.Token);
        right.ConnectionState.Should().Be(NatsConnectionState.Open);
    }
}
