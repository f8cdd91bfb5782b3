namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Per-connection venue state: ids for synthesized replies, the Bitfinex flags and the connection-wide sequence the
/// client sees. Touched only under the simulator's playback lock or from the connection's receive loop.
/// </summary>
internal sealed class SimulatedSession
{
    public SimulatedSession(long id, string? connectId)
    {
        Id = id;
        ConnectId = connectId;
    }

    /// <summary>The simulator's client id.</summary>
    public long Id { get; }

    /// <summary>The <c>connectId</c> query value (KuCoin), or null.</summary>
    public string? ConnectId { get; }

    /// <summary>Bitfinex <c>conf</c> flags the client set (65536 = SEQ_ALL).</summary>
    public long Flags { get; set; }

    /// <summary>The last connection-wide sequence number sent to this client (Bitfinex SEQ_ALL; starts at 0).</summary>
    public long Sequence { get; set; }
}
