using System.Net.WebSockets;
using System.Text.Json;
using OrleansFeed.Api.Security.Limits;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// The session's side of security (docs/security.md): the tier's subscription cap, the inbound message rate, the
/// token's expiry, and audit of subscription changes. Without <see cref="Access"/> (no security registered) only the
/// <c>Api:WebSocket</c> limits apply.
/// </summary>
internal sealed partial class WebSocketSession
{
    /// <summary>How long a session closed by policy waits for the client's close reply before dropping the connection.</summary>
    private static readonly TimeSpan PolicyCloseLinger = TimeSpan.FromSeconds(2);

    private int _policyClosing;
    private WebSocketClientAccess? _access;

    /// <summary>
    /// The client's limits and credential expiry; set by the endpoint before <see cref="RunAsync"/>. Setting it arms the
    /// expiry: when the token expires the session is told and closed.
    /// </summary>
    public WebSocketClientAccess? Access
    {
        get => _access;
        set
        {
            _access = value;
            value?.WhenExpired(() => CloseWithNotice(401, "token expired; reconnect with a new token", "token expired"));
        }
    }

    /// <summary>False (after replying) when the connection holds as many subscriptions as it may.</summary>
    private bool WithinSubscriptionLimit(JsonElement id)
    {
        var access = Access;
        var tierCapped = access is not null && access.MaxSubscriptions < _ws.MaxSubscriptionsPerConnection;
        var limit = tierCapped ? access!.MaxSubscriptions : _ws.MaxSubscriptionsPerConnection;
        if (_subscriptions.Count < limit)
        {
            return true;
        }

        if (tierCapped)
        {
            access!.SubscriptionRefused(Stats.Id);
            Reply(id, 429, $"subscription limit {limit} of tier {access.Tier} reached");
        }
        else
        {
            Reply(id, 400, $"subscription limit {limit} reached");
        }

        return false;
    }

    /// <summary>Takes one client message from the tier's bucket; over the rate the client is told and disconnected.</summary>
    private bool AcceptInbound()
    {
        if (Volatile.Read(ref _policyClosing) != 0)
        {
            return false;
        }

        if (Access is not { } access || access.TryAcceptMessage())
        {
            return true;
        }

        CloseWithNotice(429, $"message rate limit of tier {access.Tier} exceeded ({access.MessagesPerSecond} messages/s); closing", "message rate limit");
        return false;
    }

    /// <summary>
    /// After the send loop drained a queue completed by <see cref="CloseWithNotice"/>: sends the close frame and lingers
    /// until the client answers it (the receive loop then ends the session) or <see cref="PolicyCloseLinger"/> passes. A
    /// cancelled receive aborts the socket, and an abort straight after the notice could discard it unread.
    /// </summary>
    private async Task CloseAfterNoticeAsync()
    {
        if (Volatile.Read(ref _policyClosing) == 0 || _socket.State != WebSocketState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(PolicyCloseLinger, _time);
            await _socket.CloseOutputAsync(_closeStatus, _closeReason, timeout.Token);
            await Task.Delay(PolicyCloseLinger, _time, _closing.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client answered (the session is ending) or is gone; RunAsync finishes the close.
        }
    }

    private void Subscribed(string channel, string key) => Access?.Subscribed(Stats.Id, channel, key);

    private void Unsubscribed(string channel, string key) => Access?.Unsubscribed(Stats.Id, channel, key);

    /// <summary>
    /// Queues an <c>error</c> notice and completes the queue: the send loop sends what is queued, then ends the session,
    /// which closes with 1008 (policy violation) and <paramref name="reason"/>.
    /// </summary>
    private void CloseWithNotice(int code, string message, string reason)
    {
        if (Interlocked.Exchange(ref _policyClosing, 1) != 0)
        {
            return;
        }

        _closeStatus = WebSocketCloseStatus.PolicyViolation;
        _closeReason = reason;
        Access?.ClosedByPolicy(Stats.Id, reason);
        TryEnqueue(OutboundMessage.Error(default, code, message));
        _queue.Writer.TryComplete();
    }
}
