namespace OrleansFeed.Exchanges.Bitfinex.Messages;

/// <summary>The <c>event</c> values of Bitfinex event frames the parser acts on.</summary>
internal enum BitfinexEventType : byte
{
    /// <summary>No <c>event</c> field: rejected.</summary>
    Missing,

    /// <summary><c>subscribed</c>: maps a chanId.</summary>
    Subscribed,

    /// <summary><c>unsubscribed</c>: forgets a chanId.</summary>
    Unsubscribed,

    /// <summary><c>info</c>: version or restart/maintenance codes.</summary>
    Info,

    /// <summary><c>conf</c>, <c>error</c>, <c>pong</c>: control.</summary>
    Other,
}
