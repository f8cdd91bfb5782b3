using System.Globalization;

namespace OrleansFeed.Nats.Js;

/// <summary>
/// Delivery facts encoded in a JetStream message's reply subject:
/// <c>$JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;stream seq&gt;.&lt;consumer seq&gt;.&lt;timestamp ns&gt;.&lt;pending&gt;</c>
/// (v1, 9 tokens) or the v2 form with domain and account hash (12 tokens).
/// </summary>
/// <param name="Stream">Stream name.</param>
/// <param name="Consumer">Consumer name.</param>
/// <param name="NumDelivered">Delivery count of this message (1 on first delivery).</param>
/// <param name="StreamSeq">Stream sequence.</param>
/// <param name="ConsumerSeq">Consumer sequence (gap-free for an ordered consumer).</param>
/// <param name="Timestamp">Time the stream stored the message, UTC, 100 ns resolution.</param>
/// <param name="NumPending">Messages still pending for the consumer after this one.</param>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-15.md"/>
public readonly record struct NatsJSMsgMetadata(string Stream, string Consumer, ulong NumDelivered, ulong StreamSeq, ulong ConsumerSeq, DateTimeOffset Timestamp, ulong NumPending)
{
    /// <summary>Parses a reply subject; does not throw.</summary>
    /// <param name="replyTo">The message's reply subject.</param>
    /// <param name="metadata">The metadata when parsed.</param>
    /// <returns>False when the subject is not a JetStream ack subject.</returns>
    public static bool TryParse(string? replyTo, out NatsJSMsgMetadata metadata)
    {
        metadata = default;
        if (replyTo is null || !replyTo.StartsWith("$JS.ACK.", StringComparison.Ordinal))
        {
            return false;
        }

        var tokens = replyTo.Split('.');
        var offset = tokens.Length switch
        {
            9 => 2,
            >= 11 => 4,
            _ => -1,
        };
        if (offset < 0
            || !ulong.TryParse(tokens[offset + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var delivered)
            || !ulong.TryParse(tokens[offset + 3], NumberStyles.None, CultureInfo.InvariantCulture, out var streamSeq)
            || !ulong.TryParse(tokens[offset + 4], NumberStyles.None, CultureInfo.InvariantCulture, out var consumerSeq)
            || !long.TryParse(tokens[offset + 5], NumberStyles.None, CultureInfo.InvariantCulture, out var nanos)
            || !ulong.TryParse(tokens[offset + 6], NumberStyles.None, CultureInfo.InvariantCulture, out var pending))
        {
            return false;
        }

        metadata = new NatsJSMsgMetadata(tokens[offset], tokens[offset + 1], delivered, streamSeq, consumerSeq, DateTimeOffset.UnixEpoch.AddTicks(nanos / 100), pending);
        return true;
    }
}
