namespace OrleansFeed.Silo.Redis;

/// <summary>
/// Change tracking of one last-value key: stream handlers bump <see cref="MarkChanged"/> (lock-free, allocation-free);
/// the publisher loop decides with <see cref="IsDue"/> whether to offer it and records the result.
/// </summary>
/// <remarks>
/// A source that reads its value from a grain (not from the event itself) asks for one extra "settle" pass after a
/// change: the grain consumes the same stream on its own pump and may not have applied the last event when the
/// publisher asked, so one more read an interval later guarantees the key converges to the grain's final state.
/// </remarks>
internal sealed class LastValueKeyState
{
    private readonly bool _settle;
    private long _version;
    private long _publishedVersion;
    private long _lastPublished;
    private bool _published;
    private bool _settlePending;
    private long _versionAtRead;
    private bool _dueForChange;
    private bool _refreshPending;

    /// <summary>Creates the state of one key; it starts due (never published).</summary>
    /// <param name="id">The key's id segment, e.g. <c>binance:BTCUSDT</c>.</param>
    /// <param name="settle">True when the value is read from a grain and needs one settle pass after a change.</param>
    public LastValueKeyState(string id, bool settle)
    {
        Id = id;
        _settle = settle;
    }

    /// <summary>The key's id segment.</summary>
    public string Id { get; }

    /// <summary>Called from stream handlers on every event of the key.</summary>
    public void MarkChanged() => Interlocked.Increment(ref _version);

    /// <summary>True when the key must be offered in this pass; remembers the version being read.</summary>
    /// <param name="pass">The pass.</param>
    /// <param name="timeProvider">The clock of <paramref name="pass"/>.</param>
    /// <returns>True when due.</returns>
    public bool IsDue(in LastValuePass pass, TimeProvider timeProvider)
    {
        _versionAtRead = Interlocked.Read(ref _version);
        // A refresh-all request sticks until the key is actually offered (its read may fail in this pass).
        _refreshPending |= pass.RefreshAll;
        _dueForChange = _refreshPending || !_published || _versionAtRead != _publishedVersion;
        return _dueForChange
            || _settlePending
            || timeProvider.GetElapsedTime(_lastPublished, pass.Timestamp) >= pass.KeepAlive;
    }

    /// <summary>Records a successful offer of the value read after <see cref="IsDue"/>.</summary>
    /// <param name="pass">The pass.</param>
    public void Published(in LastValuePass pass)
    {
        // One settle pass after a change (or a first or refresh-all read), none after the settle pass itself or a keep-alive.
        _settlePending = _settle && _dueForChange;
        _publishedVersion = _versionAtRead;
        _lastPublished = pass.Timestamp;
        _published = true;
        _refreshPending = false;
    }
}
