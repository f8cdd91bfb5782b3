using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using OrleansFeed.Bridge.Nats.Hosting;
using OrleansFeed.Bridge.Nats.Internal;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;

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

    /// <summary>
    /// The one place the bridge's stream configurations are written: <c>MD_TRADES</c> and (with candles)
    /// <c>MD_CANDLES</c>, each with its limits (age, bytes, messages per subject; the oldest go first), retention and
    /// the duplicate window (docs/nats-bridge.md, "JetStream").
    /// </summary>
    /// <param name="options">The JetStream options.</param>
    /// <param name="prefix">Subject prefix (<c>md.v1</c>).</param>
    /// <param name="candles">Whether candles are published (and so stored).</param>
    /// <returns>The stream configurations.</returns>
    public static IEnumerable<StreamConfig> Streams(NatsBridgeJetStreamOptions options, string prefix, bool candles)
    {
        var storage = options.Storage == "Memory" ? StreamConfigStorage.Memory : StreamConfigStorage.File;
        yield return new StreamConfig(options.TradesStream, [$"{prefix}.trade.>"])
        {
            MaxAge = options.MaxAge,
            MaxBytes = options.TradesMaxBytes,
            MaxMsgsPerSubject = options.TradesMaxMessagesPerSubject,
            DuplicateWindow = options.DuplicateWindow,
            Storage = storage,
            Discard = StreamConfigDiscard.Old,
        };
        if (candles)
        {
            yield return new StreamConfig(options.CandlesStream, [$"{prefix}.{MdSubjects.ClosedCandleKind}.>"])
            {
                MaxAge = options.CandlesMaxAge,
                MaxBytes = options.CandlesMaxBytes,
                MaxMsgsPerSubject = options.CandlesMaxMessagesPerSubject,
                DuplicateWindow = options.DuplicateWindow,
                Storage = storage,
                Discard = StreamConfigDiscard.Old,
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
                var stream = await js.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
                _logger.JetStreamReady(config.Name!, config.Subjects!.First(), (ulong)stream.Info.State.Messages);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
                _logger.JetStreamFailed(config.Name!, ex.Message);
            }
        }

        _status.OnJetStream(ok);
    }
}
