using System.Text.Json;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client.Internal;
using OrleansFeed.Grains.Abstractions;
using NATS.Client.Core;

namespace OrleansFeed.Client.Books;

/// <summary>The subscription's loop: deltas, snapshot requests and the sequence/epoch checks.</summary>
public sealed partial class BookSubscription
{
    private async Task RunAsync(INatsSub<ReadOnlyMemory<byte>> subscription, CancellationToken cancellationToken)
    {
        var reader = subscription.Msgs;
        Task<bool>? readWait = null;
        Task? wakeWait = null;
        Task<BookSnapshot>? snapshot = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_needSnapshot && snapshot is null)
                    {
                        _needSnapshot = false;
                        snapshot = RequestSnapshotAsync(cancellationToken);
                    }
                }

                readWait ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                wakeWait ??= _wake.WaitAsync(cancellationToken);
                await (snapshot is null ? Task.WhenAny(readWait, wakeWait) : Task.WhenAny(readWait, wakeWait, snapshot)).ConfigureAwait(false);
                if (wakeWait.IsCompleted)
                {
                    await wakeWait.ConfigureAwait(false);
                    wakeWait = null;
                }

                if (snapshot is { IsCompleted: true })
                {
                    LoadSnapshot(await snapshot.ConfigureAwait(false));
                    snapshot = null;
                }

                if (readWait.IsCompleted)
                {
                    if (!await readWait.ConfigureAwait(false))
                    {
                        return;
                    }

                    readWait = null;
                    while (reader.TryRead(out var msg))
                    {
                        OnMessage(msg);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<BookSnapshot> RequestSnapshotAsync(CancellationToken cancellationToken)
    {
        var subject = MdSubjects.SnapshotBook(_client.Options.SubjectPrefix, Book.Venue, Book.Symbol);
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"depth\":{_client.Options.SnapshotDepth}}}");
        while (true)
        {
            try
            {
                var reply = await _client.Connection.RequestAsync<byte[], ReadOnlyMemory<byte>>(subject, body, replyOpts: _client.Options.ReplyOpts, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var doc = JsonDocument.Parse(reply.Data);
                WireReader.ThrowIfError(doc.RootElement, subject);
                return WireReader.Snapshot(doc.RootElement);
            }
            catch (Exception ex) when (ex is NatsException or OrleansFeedClientException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                // Disconnected, no responder yet, or the silo failed: the bridge comes back; keep asking.
                await Task.Delay(_client.Options.SnapshotRetryDelay, _client.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnMessage(NatsMsg<ReadOnlyMemory<byte>> msg)
    {
        if (!DeltaMessage.TryRead(msg.Data.Span, out var delta))
        {
            lock (_gate)
            {
                _malformed++;
            }

            return;
        }

        lock (_gate)
        {
            // A new bridge instance (silo restart) restarts sequences: the old numbers mean nothing.
            if (msg.Headers is { } headers && headers.TryGetLastValue(MdHeaders.Source, out var source))
            {
                if (_source is not null && source != _source && !_resyncing)
                {
                    _epochChanges++;
                    ResyncLocked();
                }

                _source = source;
            }

            if (_resyncing)
            {
                _buffer.Add(delta);
                return;
            }

            ApplyLocked(delta);
        }

        SignalChanged();
    }

    private void LoadSnapshot(BookSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_needSnapshot)
            {
                // A resync was asked for while this request ran (gap, reconnect): it may predate the loss. Take the next one.
                return;
            }

            _book.Clear();
            foreach (var level in snapshot.Bids)
            {
                _book.Set(Core.Books.BookSide.Bid, level.Price, level.Size);
            }

            foreach (var level in snapshot.Asks)
            {
                _book.Set(Core.Books.BookSide.Ask, level.Price, level.Size);
            }

            _epoch = snapshot.Epoch;
            _sequence = snapshot.Sequence;
            _stale = snapshot.IsStale;
            _loaded = true;
            _resyncing = false;
            _snapshots++;
            var buffered = _buffer.ToArray();
            _buffer.Clear();
            foreach (var delta in buffered)
            {
                if (_resyncing)
                {
                    break;
                }

                if (delta.Sequence > snapshot.Sequence)
                {
                    ApplyLocked(delta);
                }
            }
        }

        SignalChanged();
    }

    private void ApplyLocked(DeltaMessage delta)
    {
        if (delta.Epoch == _epoch && delta.Sequence <= _sequence)
        {
            return; // Already in the snapshot.
        }

        if (delta.Kind == BookDeltaKind.Rebuilt)
        {
            _rebuilds++;
            ResyncLocked();
            return;
        }

        if (delta.Epoch != _epoch)
        {
            _epochChanges++;
            ResyncLocked();
            return;
        }

        if (delta.Sequence != _sequence + 1)
        {
            _gaps++;
            ResyncLocked();
            return;
        }

        if (delta.Kind == BookDeltaKind.Update)
        {
            foreach (var change in delta.Changes)
            {
                _book.Set(change.Side, change.Price, change.Size);
            }

            _applied++;
        }

        _stale = delta.Stale;
        _sequence = delta.Sequence;
    }

    private void ResyncLocked()
    {
        _resyncing = true;
        _needSnapshot = true;
        _buffer.Clear();
    }
}
