using OrleansFeed.Core.Connections;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Sessions;

/// <summary>
/// What an operator needs to know about one venue connection: its state, consecutive failed attempts, total failures,
/// the last error with its time and when the next attempt is due. Written by <see cref="WebSocketSession"/>'s loop,
/// read from any thread (<see cref="Read"/> takes a consistent copy).
/// </summary>
/// <param name="venue">Venue id, for logs and status.</param>
/// <param name="name">The connection's plan name (e.g. <c>public-0</c>), unique within the venue only.</param>
/// <param name="host">Host and port the connection goes to.</param>
public sealed class ConnectionDiagnostics(string venue, string name, string host)
{
    private readonly Lock _lock = new();
    private VenueConnectionState _state;
    private int _failedAttempts;
    private long _failures;
    private string? _lastError;
    private Timestamp _lastErrorTime;
    private Timestamp _nextRetry;

    /// <summary>Venue id.</summary>
    public string Venue { get; } = venue;

    /// <summary>Plan name, unique within the venue.</summary>
    public string Name { get; } = name;

    /// <summary>Host (and port when not the default) the connection goes to.</summary>
    public string Host { get; } = host;

    /// <summary>A consistent copy of the current values.</summary>
    /// <returns>The snapshot.</returns>
    public ConnectionSnapshot Read()
    {
        lock (_lock)
        {
            return new ConnectionSnapshot(Venue, Name, Host, _state, _failedAttempts, _failures, _lastError, _lastErrorTime, _nextRetry);
        }
    }

    /// <summary>The connection opened.</summary>
    /// <returns>Failed attempts before this success (0: none).</returns>
    public int OnConnected()
    {
        lock (_lock)
        {
            var attempts = _failedAttempts;
            _state = VenueConnectionState.Connected;
            _failedAttempts = 0;
            _nextRetry = Timestamp.None;
            return attempts;
        }
    }

    /// <summary>An attempt failed or an open connection was lost; the next attempt is due at <paramref name="nextRetry"/>.</summary>
    /// <param name="error">Why (exception message or close reason).</param>
    /// <param name="now">When.</param>
    /// <param name="nextRetry">When the next attempt starts.</param>
    /// <returns>True when this changes the state (first failure after being connected or connecting): log it; later retries are not.</returns>
    public bool OnFailed(string error, Timestamp now, Timestamp nextRetry)
    {
        lock (_lock)
        {
            var changed = _state != VenueConnectionState.Retrying;
            _state = VenueConnectionState.Retrying;
            _failedAttempts++;
            _failures++;
            _lastError = error;
            _lastErrorTime = now;
            _nextRetry = nextRetry;
            return changed;
        }
    }

    /// <summary>The session ended for good (connector stopping).</summary>
    public void OnStopped()
    {
        lock (_lock)
        {
            _state = VenueConnectionState.Stopped;
            _nextRetry = Timestamp.None;
        }
    }
}
