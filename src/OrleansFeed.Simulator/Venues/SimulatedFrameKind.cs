namespace OrleansFeed.Simulator.Venues;

/// <summary>What a recorded venue frame is, which decides how the simulator plays it.</summary>
internal enum SimulatedFrameKind : byte
{
    /// <summary>Venue control traffic the simulator answers itself (acks to other requests, errors): not played.</summary>
    Control,

    /// <summary>Sent once on connect (Kraken <c>systemStatus</c>, Bitfinex <c>info</c>, KuCoin <c>welcome</c>): not played.</summary>
    Greeting,

    /// <summary>A subscribe acknowledgement for one channel and symbol, kept to answer a client's subscribe: not played.</summary>
    Ack,

    /// <summary>A keep-alive: played to every client of the venue (no symbol) or to the channel's subscribers.</summary>
    Heartbeat,

    /// <summary>A full book of one symbol (in-stream snapshot venues): starts a catch-up.</summary>
    BookSnapshot,

    /// <summary>An incremental book update of one symbol.</summary>
    BookDiff,

    /// <summary>Trades of one symbol.</summary>
    Trade,

    /// <summary>Any other per-symbol market data (ticker, candles).</summary>
    Other,
}
