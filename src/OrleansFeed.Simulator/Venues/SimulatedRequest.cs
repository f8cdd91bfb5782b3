namespace OrleansFeed.Simulator.Venues;

/// <summary>What a client's text frame asks for.</summary>
internal enum SimulatedRequestKind : byte
{
    /// <summary>Not understood; the venue's error reply (if any) is sent.</summary>
    Invalid,

    /// <summary>Subscribe the keys.</summary>
    Subscribe,

    /// <summary>Unsubscribe the keys.</summary>
    Unsubscribe,

    /// <summary>An application-level ping: the reply is the pong.</summary>
    Ping,

    /// <summary>Anything else answered by a fixed reply (Bitfinex <c>conf</c>).</summary>
    Other,
}

/// <summary>A client's request, read by the venue.</summary>
/// <param name="Kind">What it asks.</param>
/// <param name="Keys">Subscription keys (<see cref="SubscriptionKey"/>) for subscribe and unsubscribe; empty otherwise.</param>
/// <param name="Id">The client's request id as raw JSON text or plain text (echoed in replies), or null.</param>
internal sealed record SimulatedRequest(SimulatedRequestKind Kind, IReadOnlyList<string> Keys, string? Id = null)
{
    public static SimulatedRequest Invalid { get; } = new(SimulatedRequestKind.Invalid, []);
}
