namespace OrleansFeed.Runtime;

/// <summary>Identity of a grain: its type name (the grain interface's name) and its key.</summary>
/// <param name="Type">Grain type name, e.g. <c>IOrderBookGrain</c>.</param>
/// <param name="Key">Grain key, e.g. <c>binance:BTCUSDT</c>.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary><c>Type/Key</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Type}/{Key}";
}
