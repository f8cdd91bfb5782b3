namespace OrleansFeed.Exchanges.KuCoin.Messages;

/// <summary>Classifies KuCoin <c>type</c> and <c>subject</c> values from their UTF-8 bytes (§3).</summary>
internal static class KuCoinMessageNames
{
    /// <summary>Classifies a frame's <c>type</c>; <see cref="KuCoinMessageKind.Ignored"/> stands for <c>message</c> until the subject is known.</summary>
    public static KuCoinMessageKind FromType(ReadOnlySpan<byte> type)
    {
        if (type.SequenceEqual("message"u8))
        {
            return KuCoinMessageKind.Ignored;
        }

        if (type.SequenceEqual("welcome"u8) || type.SequenceEqual("ack"u8) || type.SequenceEqual("pong"u8) || type.SequenceEqual("notice"u8))
        {
            return KuCoinMessageKind.Control;
        }

        return type.SequenceEqual("error"u8) ? KuCoinMessageKind.Error : KuCoinMessageKind.Unknown;
    }

    /// <summary>Classifies a <c>message</c> frame's <c>subject</c>.</summary>
    public static KuCoinMessageKind FromSubject(ReadOnlySpan<byte> subject)
    {
        if (subject.SequenceEqual("trade.l2update"u8))
        {
            return KuCoinMessageKind.Level2Update;
        }

        if (subject.SequenceEqual("trade.l3match"u8))
        {
            return KuCoinMessageKind.Match;
        }

        return subject.SequenceEqual("trade.ticker"u8) ? KuCoinMessageKind.Ticker : KuCoinMessageKind.Ignored;
    }
}
