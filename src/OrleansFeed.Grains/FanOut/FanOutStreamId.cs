namespace OrleansFeed.Grains.FanOut;

/// <summary>Identity of a stream: a namespace (e.g. <c>book-events</c>) and a key (e.g. <c>binance:BTCUSDT</c>).</summary>
/// <param name="Namespace">The stream namespace; one per event kind.</param>
/// <param name="Key">The stream key within the namespace.</param>
public readonly record struct FanOutStreamId(string Namespace, string Key)
{
    /// <summary><c>Namespace/Key</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Namespace}/{Key}";
}
