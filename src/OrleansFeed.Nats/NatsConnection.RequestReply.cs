using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>Request/reply over one shared wildcard inbox subscription (<c>_INBOX.&lt;nuid&gt;.*</c>).</summary>
/// <seealso href="https://docs.nats.io/nats-concepts/core-nats/reqreply"/>
public sealed partial class NatsConnection
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<NatsMsg>> _requests = new();
    private readonly SemaphoreSlim _inboxLock = new(1, 1);
    private InboxSubscription? _inbox;
    private long _requestId;

    /// <summary>The prefix of this connection's reply subjects: <c>{InboxPrefix}.{nuid}</c>.</summary>
    public string InboxPrefix { get; }

    /// <summary>A new unique subject under <see cref="NatsOpts.InboxPrefix"/> that the shared request inbox does not cover.</summary>
    /// <returns><c>{InboxPrefix}.{nuid}</c>.</returns>
    public string NewInbox() => $"{Opts.InboxPrefix}.{Nuid.Next()}";

    /// <summary>
    /// Publishes a request with a unique reply subject and waits for the first reply.
    /// </summary>
    /// <param name="subject">Request subject.</param>
    /// <param name="data">Request payload.</param>
    /// <param name="headers">Request headers, or null.</param>
    /// <param name="timeout">Reply timeout; <see cref="NatsOpts.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply message.</returns>
    /// <exception cref="NatsNoRespondersException">No subscriber on <paramref name="subject"/> (status 503).</exception>
    /// <exception cref="NatsTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="NatsConnectionException">Not connected, or disposed while waiting.</exception>
    public async ValueTask<NatsMsg> RequestAsync(string subject, ReadOnlyMemory<byte> data = default, NatsHeaders? headers = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await EnsureInboxAsync(cancellationToken).ConfigureAwait(false);
        var token = Interlocked.Increment(ref _requestId);
        var replyTo = $"{InboxPrefix}.{token}";
        var reply = new TaskCompletionSource<NatsMsg>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[token] = reply;
        var wait = timeout ?? Opts.RequestTimeout;
        try
        {
            await PublishAsync(subject, data, headers, replyTo, cancellationToken).ConfigureAwait(false);
            NatsMsg msg;
            try
            {
                msg = await reply.Task.WaitAsync(wait, Opts.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new NatsTimeoutException(subject, wait);
            }

            if (msg.IsNoResponders)
            {
                throw new NatsNoRespondersException(subject);
            }

            return msg;
        }
        finally
        {
            _requests.TryRemove(token, out _);
        }
    }

    private async ValueTask EnsureInboxAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _inbox) is not null)
        {
            return;
        }

        await _inboxLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_inbox is null)
            {
                var inbox = new InboxSubscription(_subs.NextSid(), InboxPrefix, this);
                await RegisterAsync(inbox, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _inbox, inbox);
            }
        }
        finally
        {
            _inboxLock.Release();
        }
    }

    private void FailAllRequests(Exception error)
    {
        foreach (var (token, request) in _requests)
        {
            if (_requests.TryRemove(token, out _))
            {
                request.TrySetException(error);
            }
        }
    }

    /// <summary>The shared inbox: routes each reply by the token after the prefix to its waiting request.</summary>
    private sealed class InboxSubscription : ISubscriptionTarget
    {
        private readonly NatsConnection _connection;
        private readonly byte[] _prefixUtf8;

        public InboxSubscription(long sid, string prefix, NatsConnection connection)
        {
            Sid = sid;
            Subject = prefix + ".*";
            _prefixUtf8 = Encoding.UTF8.GetBytes(prefix + ".");
            _connection = connection;
        }

        public long Sid { get; }

        public string Subject { get; }

        public string? QueueGroup => null;

        public void Deliver(in ServerOp op, NatsConnection connection)
        {
            var subject = op.Subject.Span;
            if (!subject.StartsWith(_prefixUtf8)
                || !Utf8Parser.TryParse(subject[_prefixUtf8.Length..], out long token, out var consumed)
                || consumed != subject.Length - _prefixUtf8.Length
                || !_connection._requests.TryRemove(token, out var request))
            {
                return;
            }

            request.TrySetResult(MsgFactory.Create(op, this, default, connection));
        }
    }
}
