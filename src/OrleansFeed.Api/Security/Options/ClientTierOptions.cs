namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// Limits of one client tier, applied per API key, per token subject, or per remote IP for anonymous clients.
/// A client over a limit is told (429 problem, or a WebSocket <c>error</c> message) and, on WebSocket, disconnected.
/// </summary>
public sealed class ClientTierOptions
{
    /// <summary>Name of the tier used when a key or token names none.</summary>
    public const string DefaultName = "default";

    /// <summary>REST token-bucket refill rate, requests per second; 1..100,000. Default 50.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>REST token-bucket size (requests allowed at once after idling); 1..1,000,000. Default 100.</summary>
    public int RequestBurst { get; set; } = 100;

    /// <summary>Open WebSocket connections at once; 1..100,000. Default 20.</summary>
    public int MaxConnections { get; set; } = 20;

    /// <summary>Subscriptions one WebSocket connection may hold (also capped by <c>Api:WebSocket:MaxSubscriptionsPerConnection</c>); 1..10,000. Default 200.</summary>
    public int MaxSubscriptions { get; set; } = 200;

    /// <summary>WebSocket client messages per second (token-bucket refill); 1..100,000. Default 20.</summary>
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>WebSocket client messages allowed at once (token-bucket size); 1..1,000,000. Default 50.</summary>
    public int MessageBurst { get; set; } = 50;
}
