using Microsoft.Extensions.Logging;
using OrleansFeed.Bridge.Nats.Hosting;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Nats;
using OrleansFeed.Nats.Js;

namespace OrleansFeed.Bridge.Nats.Streams;

/// <summary>
/// Creates or updates the bridge's JetStream streams after every connect (a restarted server with memory storage
/// has lost them): <c>MD_TRADES</c> over <c>{prefix}.trade.&gt;</c> and, when candles are published,
/// <c>MD_CANDLES</c> over <c>{prefix}.candle-closed.&gt;</c> (closed and amended candles only), each with its configured
/// limits (age, bytes, messages per subject) and the duplicate window.
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

    public static IEnumerable<NatsJSStreamConfig> Streams(NatsBridgeJetStreamOptions options, string prefix, bool candles)
    {
        var storage = options.Storage == "Memory" ? NatsJSStorageType.Memory : NatsJSStorageType.File;
        yield return new NatsJSStreamConfig(options.TradesStream, [$"{prefix}.trade.>"])
        {
            MaxAge = options.MaxAge,
            MaxBytes = options.TradesMaxBytes,
            MaxMessagesPerSubject = options.TradesMaxMessagesPerSubject,
            DuplicateWindow = options.DuplicateWindow,
            Storage = storage,
        };
        if (candles)
        {
            yield return new NatsJSStreamConfig(options.CandlesStream, [$"{prefix}.{MdSubjects.ClosedCandleKind}.>"])
            {
                MaxAge = options.CandlesMaxAge,
                MaxBytes = options.CandlesMaxBytes,
                MaxMessagesPerSubject = options.CandlesMaxMessagesPerSubject,
                DuplicateWindow = options.DuplicateWindow,
                Storage = storage,
            };
        }
    }

    public async Task EnsureAsync(NatsConnection connection, string prefix, bool candles, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var js = new NatsJSContext(connection);
        var ok = true;
        foreach (var config in Streams(_options, prefix, candles))
        {
            try
            {
                var info = await js.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
                _logger.JetStreamReady(config.Name, config.Subjects[0], info.Messages);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
                _logger.JetStreamFailed(config.Name, ex.Message);
            }
        }

        _status.OnJetStream(ok);
    }
}
