using System.Globalization;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private int _stallsPending;
    private long _stalledConnections;

    /// <summary>WebSocket connections accepted since start (every venue and route, stalled ones included).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _nextClientId);

    /// <summary>WebSocket connections stalled so far by <see cref="StallNextConnections"/>.</summary>
    public long StalledConnections => Interlocked.Read(ref _stalledConnections);

    /// <summary>
    /// Stalls the next <paramref name="count"/> WebSocket connections, of any venue or route: each is accepted, its
    /// subscriptions are taken (and listed by <see cref="SubscriptionsOf"/>), but nothing is ever sent on it: no
    /// greeting, no subscribe reply, no played frame, no catch-up. A venue whose new connection hangs after the
    /// handshake; the client has to give up on it by its own timeout. Connections already open are not affected.
    /// </summary>
    /// <param name="count">Connections to stall; 0 cancels the stalls still pending.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void StallNextConnections(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _stallsPending, count);
        Log.FaultInjected(_logger, nameof(StallNextConnections), count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Takes one pending stall for a connection being accepted.</summary>
    private bool TakeStall()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _stallsPending);
            if (pending == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _stallsPending, pending - 1, pending) == pending)
            {
                Interlocked.Increment(ref _stalledConnections);
                return true;
            }
        }
    }
}
