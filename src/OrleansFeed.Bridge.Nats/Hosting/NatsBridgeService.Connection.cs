using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Requests;
using OrleansFeed.Bridge.Nats.Streams;
using OrleansFeed.Core.Instruments;
using NATS.Client.Core;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>The connection: first connect retried with backoff, then the client's own reconnect takes over.</summary>
public sealed partial class NatsBridgeService
{
    private async Task ConnectAndServeAsync(List<BookKey> books, CancellationToken cancellationToken)
    {
        var jetStream = new JetStreamSetup(_options.JetStream, _status, _logger);
        var connection = await ConnectWithRetryAsync(jetStream, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return;
        }

        _connection = connection;
        try
        {
            await jetStream.EnsureAsync(connection, _options.SubjectPrefix, _candles, cancellationToken).ConfigureAwait(false);
            var responder = new BridgeResponder(_grains, _status, _options.SnapshotDepth, _logger);
            var loops = await responder.StartAsync(connection, _options.SubjectPrefix, _options.ResponderQueueGroup, books, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // NATS.Net reports every successful connect as ConnectionOpened, the first one included: the handlers are attached
    // before connecting so that the status counts each connect once. The first connect's streams are created by
    // ConnectAndServeAsync before the responders start; a reconnect (a restarted server may have lost memory streams)
    // creates them again, off the event queue.
    private void Observe(NatsConnection connection, JetStreamSetup jetStream)
    {
        var opens = 0;
        connection.ConnectionOpened += (_, _) =>
        {
            _status.SetState(nameof(NatsConnectionState.Open));
            _status.OnConnected();
            _logger.Connected(_options.Url);
            if (Interlocked.Increment(ref opens) > 1)
            {
                _ = Task.Run(() => jetStream.EnsureAsync(connection, _options.SubjectPrefix, _candles, _stopping.Token), CancellationToken.None);
            }

            return ValueTask.CompletedTask;
        };
        connection.ConnectionDisconnected += (_, e) =>
        {
            _status.SetState(nameof(NatsConnectionState.Reconnecting));
            _status.OnDisconnected();
            _logger.Disconnected(e.Message, _options.ReconnectBufferBytes);
            return ValueTask.CompletedTask;
        };
    }

    private async Task<NatsConnection?> ConnectWithRetryAsync(JetStreamSetup jetStream, CancellationToken cancellationToken)
    {
        var opts = NatsBridgeSecrets.Apply(NatsOpts.Default, _options) with
        {
            Url = _options.Url,
            Name = _options.Name,
            // The client's write buffer holds what is published while the socket cannot take it (a reconnect):
            // at least the configured reconnect buffer. Publishes are not made while disconnected (BridgePublisher drops them).
            WriterBufferSize = Math.Max(NatsOpts.Default.WriterBufferSize, _options.ReconnectBufferBytes),
            // A publish never waits for the server to come back: it fails after the command timeout instead.
            PublishTimeoutOnDisconnected = true,
            // Fast detection of a dead server: the bridge cares about gaps, not about ping traffic.
            PingInterval = TimeSpan.FromSeconds(10),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            LoggerFactory = _loggerFactory,
        };
        var delay = _options.ConnectRetryDelay;
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            var connection = new NatsConnection(opts);
            Observe(connection, jetStream);
            _status.SetState(nameof(NatsConnectionState.Connecting));
            try
            {
                await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch (Exception ex) when (ex is NatsException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _status.SetState(nameof(NatsConnectionState.Closed));
                _logger.ConnectFailed(_options.Url, attempt, (long)delay.TotalMilliseconds, ex.Message);
            }
            catch (OperationCanceledException)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }

        return null;
    }
}
