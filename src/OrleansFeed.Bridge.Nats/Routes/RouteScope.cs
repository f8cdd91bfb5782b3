namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>What a stream is keyed by.</summary>
public enum RouteScope
{
    /// <summary>The book key <c>venue:symbol</c>: one stream per configured book.</summary>
    Book,

    /// <summary>The canonical instrument (e.g. <c>BTC-USDT-PERP</c>): one stream per distinct instrument of the configured books.</summary>
    Instrument,
}
