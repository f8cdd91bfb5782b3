namespace OrleansFeed.Exchanges.Kraken;

/// <summary>Classifies Kraken channel names from their UTF-8 bytes.</summary>
internal static class KrakenChannels
{
    /// <summary>A v1 channel name: <c>book-10</c> (depth in <paramref name="depth"/>), <c>trade</c>, <c>ticker</c>, <c>spread</c>, <c>ohlc-1</c>.</summary>
    public static KrakenChannel FromV1Name(ReadOnlySpan<byte> name, out int depth)
    {
        depth = 0;
        if (name.StartsWith("book-"u8))
        {
            var digits = name[5..];
            foreach (var b in digits)
            {
                var d = b - (byte)'0';
                if ((uint)d > 9 || depth > 100_000)
                {
                    return KrakenChannel.Unknown;
                }

                depth = (depth * 10) + d;
            }

            return depth > 0 ? KrakenChannel.Book : KrakenChannel.Unknown;
        }

        return Common(name);
    }

    /// <summary>A v2 channel name: <c>book</c>, <c>trade</c>, <c>ticker</c>, <c>heartbeat</c>, <c>status</c>, …</summary>
    public static KrakenChannel FromV2Name(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("book"u8))
        {
            return KrakenChannel.Book;
        }

        return name.SequenceEqual("heartbeat"u8) || name.SequenceEqual("status"u8) || name.SequenceEqual("pong"u8)
            ? KrakenChannel.Control
            : Common(name);
    }

    private static KrakenChannel Common(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("trade"u8))
        {
            return KrakenChannel.Trade;
        }

        if (name.SequenceEqual("ticker"u8))
        {
            return KrakenChannel.Ticker;
        }

        return name.Length > 0 ? KrakenChannel.Ignored : KrakenChannel.Unknown;
    }
}
