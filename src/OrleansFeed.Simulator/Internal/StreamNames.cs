namespace OrleansFeed.Simulator.Internal;

/// <summary>Classifies Binance stream names (shared/docs/exchange-protocols.md §1, §2).</summary>
internal static class StreamNames
{
    /// <summary>The route a stream belongs to: <c>@depth*</c> and <c>@bookTicker</c> are <see cref="StreamRoute.Public"/>.</summary>
    public static StreamRoute RouteOf(string stream)
    {
        var kind = KindOf(stream);
        return kind.StartsWith("depth", StringComparison.Ordinal) || kind == "bookticker" || stream == "!bookticker"
            ? StreamRoute.Public
            : StreamRoute.Market;
    }

    /// <summary>True for a diff-depth stream (<c>sym@depth</c>, <c>sym@depth@100ms</c>), false for partial depth.</summary>
    public static bool IsDiffDepth(string stream) => KindOf(stream) == "depth";

    /// <summary>Whether a client on <paramref name="route"/> receives <paramref name="frameRoute"/> frames.</summary>
    public static bool Delivers(StreamRoute route, StreamRoute frameRoute) => route == StreamRoute.All || route == frameRoute;

    /// <summary>The upper-case symbol before the first <c>@</c>, or null for <c>!</c> streams.</summary>
    public static string? SymbolOf(string stream)
    {
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || stream[0] == '!' ? null : stream[..at].ToUpperInvariant();
    }

    private static string KindOf(string stream)
    {
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var rest = stream.AsSpan(at + 1);
        var second = rest.IndexOf('@');
        return (second < 0 ? rest : rest[..second]).ToString().ToLowerInvariant();
    }
}
