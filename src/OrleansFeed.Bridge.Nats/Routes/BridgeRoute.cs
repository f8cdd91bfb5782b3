using System.Text.Json;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>A typed row of the stream → subject table: how to name, encode and label events of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The stream's event type.</typeparam>
/// <param name="Namespace">Silo stream namespace.</param>
/// <param name="Scope">Book or instrument keyed.</param>
/// <param name="SubjectKind">Subject kind token.</param>
/// <param name="Subjects">The subjects of one target (index chosen per event by <see cref="Variant"/>), from prefix and target.</param>
/// <param name="Encode">Writes one event's JSON payload.</param>
/// <param name="ReceiveTime">Our receive time of the event (UTC, µs) for the receive-to-publish latency; <see cref="Timestamp.None"/> when the event has none.</param>
public sealed record BridgeRoute<T>(
    string Namespace,
    RouteScope Scope,
    string SubjectKind,
    Func<string, RouteTarget, string[]> Subjects,
    Action<Utf8JsonWriter, RouteTarget, T> Encode,
    Func<T, Timestamp> ReceiveTime) : IBridgeRoute
{
    /// <inheritdoc />
    public bool RequiresDeclaredNamespace { get; init; }

    /// <summary>Index into <see cref="Subjects"/> for an event of a target; null = always 0; a negative or out-of-range index = the event is not published.</summary>
    public Func<RouteTarget, T, int>? Variant { get; init; }

    /// <summary>The event's own sequence (book deltas); null = a per-subject counter of this bridge instance.</summary>
    public Func<T, long>? Sequence { get; init; }

    /// <summary>The event's book epoch; null = no <c>Md-Epoch</c> header.</summary>
    public Func<T, long>? Epoch { get; init; }

    /// <summary>The <c>Md-Kind</c> header value; null = none.</summary>
    public Func<T, string>? Kind { get; init; }

    /// <summary>The <c>Md-Sync-State</c> header value (book subjects); null = none.</summary>
    public Func<T, string>? SyncState { get; init; }

    /// <summary>The <c>Nats-Msg-Id</c> for JetStream de-duplication; null (or a null result) = none. With
    /// <see cref="StoredSubjects"/> it is set on the stored copy only.</summary>
    public Func<RouteTarget, T, string?>? MsgId { get; init; }

    /// <summary>
    /// Subjects of a target (same indexes as <see cref="Subjects"/>) on which events that <see cref="IsStored"/> are
    /// published a second time, with the <see cref="MsgId"/>: the subjects a JetStream stream keeps. Null = none.
    /// </summary>
    public Func<string, RouteTarget, string[]>? StoredSubjects { get; init; }

    /// <summary>True for an event that goes to <see cref="StoredSubjects"/> too (closed and amended candles); null = none.</summary>
    public Func<T, bool>? IsStored { get; init; }

    /// <inheritdoc />
    public IStreamSubscription Subscribe(IStreamProvider streams, RouteTarget target, string prefix, BridgeQueue queue, StreamSubscriptionOptions options)
    {
        var subscription = new RouteSubscription<T>(this, target, Subjects(prefix, target), StoredSubjects?.Invoke(prefix, target), queue);
        return streams.GetStream<T>(new FanOutStreamId(Namespace, target.StreamKey)).Subscribe(subscription.OnNextAsync, options);
    }
}
