using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using OrleansFeed.Bridge.Nats.Hosting;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;

namespace OrleansFeed.Bridge.Nats.Streams;

/// <summary>
/// Creates or updates the bridge's JetStream streams after every connect (a restarted server with memory storage
/// has lost them): <c>MD_TRADES</c> over <c>{prefix}.trade.&gt;</c> and, when candles are published,
/// <c>MD_CANDLES</c> over <c>{prefix}.candle.&gt;</c>, both with the configured retention and duplicate window.
/// </summary>
internal sealed class JetStreamSetup
{
    private readonly NatsBridgeJetStreamOptions _options;
    private readonly NatsBridgeStatus _status;
    private readonly ILogger _logger;

    public JetStreamSetup(NatsBridgeJetStreamOptions options, NatsBridgeStatus status, ILogger logger)
    {
        _options = options;
        _status = status;
        _logger = logger;
    }

    public static IEnumerable<(string Name, string Subject)> Streams(NatsBridgeJetStreamOptions options, string prefix, bool candles)
    {
        yield return (options.TradesStream, $"{prefix}.trade.>");
        if (candles)
        {
            yield return (options.CandlesStream, $"{prefix}.candle.>");
        }
    }

    /// <summary>The one place the bridge's stream configuration is written (limits, retention, dedupe window).</summary>
    public StreamConfig Config(string name, string subject) => new(name, [subject])
    {
        MaxAge = _options.MaxAge,
        DuplicateWindow = _options.DuplicateWindow,
        Storage = _options.Storage == "Memory" ? StreamConfigStorage.Memory : StreamConfigStorage.File,
    };

    public async Task EnsureAsync(NatsConnection connection, string prefix, bool candles, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var js = new NatsJSContext(connection);
        var ok = true;
        foreach (var (name, subject) in Streams(_options, prefix, candles))
        {
            try
            {
                var stream = await js.CreateOrUpdateStreamAsync(Config(name, subject), cancellationToken).ConfigureAwait(false);
                _logger.JetStreamReady(name, subject, (ulong)stream.Info.State.Messages);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
                _logger.JetStreamFailed(name, ex.Message);
            }
        }

        _status.OnJetStream(ok);
    }
}
