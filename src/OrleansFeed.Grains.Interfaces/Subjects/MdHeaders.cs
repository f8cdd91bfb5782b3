namespace OrleansFeed.Grains.Subjects;

/// <summary>Header names the bridge sets on its messages (docs/nats-bridge.md, "Headers").</summary>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-4.md"/>
public static class MdHeaders
{
    /// <summary>
    /// Per-subject sequence, decimal. Book subjects: the book's own gap-free delta sequence (from the silo, survives
    /// bridge restarts). Trade/BBO/aggregate subjects: a counter of this bridge instance, starting at 1 (see <see cref="Source"/>).
    /// </summary>
    public const string Sequence = "Md-Seq";

    /// <summary>Book subjects and snapshot replies: the book epoch (rebuild count), decimal.</summary>
    public const string Epoch = "Md-Epoch";

    /// <summary>Book subjects: <c>update</c>, <c>rebuilt</c> or <c>stale</c>.</summary>
    public const string Kind = "Md-Kind";

    /// <summary>
    /// Book subjects: the book's state after this message, <c>synced</c>, <c>unverified</c>, <c>unverifiable</c> or
    /// <c>syncing</c> (docs/errors.md#book-states); lets a consumer filter without parsing the body.
    /// </summary>
    public const string SyncState = "Md-Sync-State";

    /// <summary>Id of the publishing bridge instance (new at every start): a change resets bridge-assigned sequences.</summary>
    public const string Source = "Md-Source";

    /// <summary>Replies: set (to a short reason) when the request failed; the body is an error object.</summary>
    public const string Error = "Md-Error";

    /// <summary>JetStream de-duplication id, set on trades (<c>{venue}:{symbol}:{tradeId}</c>) and closed candles.</summary>
    public const string MsgId = "Nats-Msg-Id";
}
