namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>Bitfinex WebSocket v2 <c>{"event":"conf","flags":N}</c> bits this connector uses (flags are summed).</summary>
/// <seealso href="https://docs.bitfinex.com/docs/ws-general#configuration"/>
public static class BitfinexConfFlags
{
    /// <summary>SEQ_ALL (65536): every data frame (and heartbeat) ends with a connection-wide sequence number, +1 per frame.</summary>
    public const int SeqAll = 65536;

    /// <summary>OB_CHECKSUM (131072): book channels send <c>[chanId,"cs",checksum]</c> frames, a signed CRC32 of the top 25 levels per side.</summary>
    public const int OrderBookChecksum = 131072;
}
