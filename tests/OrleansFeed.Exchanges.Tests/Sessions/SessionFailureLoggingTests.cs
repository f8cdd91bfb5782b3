using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sessions;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.Exchanges.Tests.Sessions;

/// <summary>
/// Runs a real <see cref="WebSocketSession"/> against a loopback port nobody listens on: one warning naming venue,
/// connection and host with the attempt count, Debug for every later retry, and the diagnostics the API reads.
/// </summary>
public sealed class SessionFailureLoggingTests
{
    [Fact]
    public async Task Session_VenueUnreachable_WarnsOnceWithVenueConnectionAndHostThenRetriesAtDebug()
    {
        var port = FreePort.Next(); // free, so connecting is refused
        var plan = new ConnectionPlan("public-0", new Uri($"ws://127.0.0.1:{port}/ws"), [], []);
        var options = new VenueOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(50) };
        var logger = new RecordingLogger();
        var session = new WebSocketSession(plan, options, new IgnoringHandler(), TimeProvider.System, logger) { Venue = "okx" };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = session.RunAsync(cts.Token);
        while (session.Diagnostics.Read().FailedAttempts < 4)
        {
            await Task.Delay(20, cts.Token);
        }

        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);

        var warnings = logger.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Text).ToList();
        warnings.Should().ContainSingle().Which.Should().Contain("okx/public-0").And.Contain($"127.0.0.1:{port}").And.Contain("cannot connect (attempt 1)");
        logger.Entries.Where(e => e.Level == LogLevel.Debug).Should().HaveCountGreaterThanOrEqualTo(3)
            .And.OnlyContain(e => e.Text.Contains("okx/public-0", StringComparison.Ordinal));
        var snapshot = session.Diagnostics.Read();
        snapshot.Host.Should().Be($"127.0.0.1:{port}");
        snapshot.LastError.Should().NotBeNullOrEmpty();
        snapshot.LastErrorTime.IsNone.Should().BeFalse();
        snapshot.Failures.Should().Be(snapshot.FailedAttempts);
    }

    private sealed class IgnoringHandler : IFrameHandler
    {
        public ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, Timestamp receiveTime, FrameArrival arrival) => ValueTask.CompletedTask;

        public void OnConnected()
        {
        }

        public void OnDisconnected(string reason)
        {
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
