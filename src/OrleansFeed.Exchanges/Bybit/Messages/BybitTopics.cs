namespace OrleansFeed.Exchanges.Bybit.Messages;

/// <summary>Splits a Bybit <c>topic</c> into its kind and symbol bytes, without allocating.</summary>
public static class BybitTopics
{
    /// <summary>Classifies a topic.</summary>
    /// <param name="topic">The topic's UTF-8 bytes, e.g. <c>orderbook.50.BTCUSDT</c>.</param>
    /// <param name="symbol">The symbol part (after the last <c>.</c>); empty when none.</param>
    /// <returns>The kind.</returns>
    public static BybitTopicKind Classify(ReadOnlySpan<byte> topic, out ReadOnlySpan<byte> symbol)
    {
        var dot = topic.LastIndexOf((byte)'.');
        symbol = dot < 0 ? default : topic[(dot + 1)..];
        if (dot < 0)
        {
            return BybitTopicKind.Unknown;
        }

        if (topic.StartsWith("orderbook."u8))
        {
            return BybitTopicKind.OrderBook;
        }

        if (topic.StartsWith("publicTrade."u8))
        {
            return BybitTopicKind.PublicTrade;
        }

        if (topic.StartsWith("orderBookL2_25."u8) || topic.StartsWith("orderBook_200."u8))
        {
            return BybitTopicKind.LegacyOrderBook;
        }

        if (topic.StartsWith("trade."u8))
        {
            return BybitTopicKind.LegacyTrade;
        }

        return topic.StartsWith("tickers."u8) || topic.StartsWith("kline"u8) || topic.StartsWith("liquidation."u8)
            || topic.StartsWith("allLiquidation."u8) || topic.StartsWith("instrument_info."u8) || topic.StartsWith("lt."u8)
            ? BybitTopicKind.Ignored
            : BybitTopicKind.Unknown;
    }
}
