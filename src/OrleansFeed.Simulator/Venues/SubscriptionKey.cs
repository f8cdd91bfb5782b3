namespace OrleansFeed.Simulator.Venues;

/// <summary>A client subscription unit: one channel of one symbol, as one string (<c>channel␟symbol</c>) so sets stay cheap.</summary>
internal static class SubscriptionKey
{
    private const char Separator = '\u001f';

    public static string Create(string channel, string symbol) => channel + Separator + symbol;

    public static string ChannelOf(string key) => key[..key.IndexOf(Separator, StringComparison.Ordinal)];

    public static string SymbolOf(string key) => key[(key.IndexOf(Separator, StringComparison.Ordinal) + 1)..];
}
