namespace OrleansFeed.Core.Connections;

/// <summary>Where one venue WebSocket connection stands (the connector's <c>ConnectionDiagnostics</c>).</summary>
public enum VenueConnectionState
{
    /// <summary>The first connect attempt has not finished yet.</summary>
    Connecting,

    /// <summary>Open and reading frames.</summary>
    Connected,

    /// <summary>The last attempt failed or the connection was lost; waiting for the next attempt (backoff).</summary>
    Retrying,

    /// <summary>Stopped (the connector shut down).</summary>
    Stopped,
}
