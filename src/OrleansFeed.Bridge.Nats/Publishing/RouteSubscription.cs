using System.Buffers;
using System.Text.Json;
using OrleansFeed.Bridge.Nats.Routes;

namespace OrleansFeed.Bridge.Nats.Publishing;

/// <summary>
/// One route on one stream: encodes each event on the stream's pump (one at a time, so the reused writer is safe)
/// into a pooled buffer and offers it to the <see cref="BridgeQueue"/>.
/// </summary>
/// <typeparam name="T">Event type.</typeparam>
internal sealed class RouteSubscription<T>
{
    private readonly BridgeRoute<T> _route;
    private readonly RouteTarget _target;
    private readonly string[] _subjects;
    private readonly long[] _sequences;
    private readonly string[]? _stored;
    private readonly long[] _storedSequences;
    private readonly BridgeQueue _queue;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public RouteSubscription(BridgeRoute<T> route, RouteTarget target, string[] subjects, BridgeQueue queue)
        : this(route, target, subjects, null, queue)
    {
    }

    public RouteSubscription(BridgeRoute<T> route, RouteTarget target, string[] subjects, string[]? stored, BridgeQueue queue)
    {
        _stored = stored;
        _storedSequences = new long[stored?.Length ?? 0];
        _route = route;
        _target = target;
        _subjects = subjects;
        _sequences = new long[subjects.Length];
        _queue = queue;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public ValueTask OnNextAsync(T item)
    {
        var variant = _route.Variant?.Invoke(_target, item) ?? 0;
        if ((uint)variant >= (uint)_subjects.Length)
        {
            return ValueTask.CompletedTask;
        }

        _buffer.Clear();
        _writer.Reset(_buffer);
        _route.Encode(_writer, _target, item);
        _writer.Flush();
        var msgId = _route.MsgId?.Invoke(_target, item);
        if (_stored is null)
        {
            Enqueue(_subjects[variant], _route.Sequence?.Invoke(item) ?? ++_sequences[variant], item, msgId);
            return ValueTask.CompletedTask;
        }

        // The live subject carries every event without the id; the stored subject (after it) only those the stream keeps.
        Enqueue(_subjects[variant], _route.Sequence?.Invoke(item) ?? ++_sequences[variant], item, null);
        if (variant < _stored.Length && _route.IsStored?.Invoke(item) == true)
        {
            Enqueue(_stored[variant], ++_storedSequences[variant], item, msgId);
        }

        return ValueTask.CompletedTask;
    }

    private void Enqueue(string subject, long sequence, T item, string? msgId)
    {
        var length = _buffer.WrittenCount;
        var rented = _queue.Rent(length);
        _buffer.WrittenSpan.CopyTo(rented);
        var message = new OutboundMessage(
            subject,
            rented,
            length,
            sequence,
            _route.Epoch?.Invoke(item) ?? -1,
            _route.Kind?.Invoke(item),
            msgId,
            _route.ReceiveTime(item),
            _route.SyncState?.Invoke(item));
        _queue.TryEnqueue(message);
    }
}
