namespace OrleansFeed.Exchanges.Okx.Messages;

/// <summary>Channel names and depths of <see cref="OkxChannel"/> (§6 "Channels" table).</summary>
public static class OkxChannels
{
    /// <summary>The channel named by the UTF-8 text of an <c>arg.channel</c> field.</summary>
    /// <param name="name">The channel name bytes.</param>
    /// <returns>The channel; <see cref="OkxChannel.Ignored"/> for known-but-unused channels, <see cref="OkxChannel.Unknown"/> otherwise.</returns>
    public static OkxChannel FromName(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("books"u8))
        {
            return OkxChannel.Books;
        }

        if (name.SequenceEqual("books-l2-tbt"u8))
        {
            return OkxChannel.BooksL2Tbt;
        }

        if (name.SequenceEqual("books50-l2-tbt"u8))
        {
            return OkxChannel.Books50L2Tbt;
        }

        if (name.SequenceEqual("books5"u8))
        {
            return OkxChannel.Books5;
        }

        if (name.SequenceEqual("trades"u8) || name.SequenceEqual("trades-all"u8))
        {
            return OkxChannel.Trades;
        }

        if (name.SequenceEqual("tickers"u8))
        {
            return OkxChannel.Tickers;
        }

        return name.SequenceEqual("bbo-tbt"u8) || name.StartsWith("candle"u8) || name.SequenceEqual("books-elp"u8)
            ? OkxChannel.Ignored
            : OkxChannel.Unknown;
    }

    /// <summary>The wire name of a book, trade or ticker channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>E.g. <c>books-l2-tbt</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The channel has no single wire name.</exception>
    public static string Name(OkxChannel channel) => channel switch
    {
        OkxChannel.Books => "books",
        OkxChannel.BooksL2Tbt => "books-l2-tbt",
        OkxChannel.Books50L2Tbt => "books50-l2-tbt",
        OkxChannel.Books5 => "books5",
        OkxChannel.Trades => "trades",
        OkxChannel.Tickers => "tickers",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a subscribable channel."),
    };

    /// <summary>Levels per side a book channel keeps (the local book is trimmed to it, §0 "Depth truncation").</summary>
    /// <param name="channel">A book channel.</param>
    /// <returns>400, 50 or 5; 400 for anything else.</returns>
    public static int Depth(OkxChannel channel) => channel switch
    {
        OkxChannel.Books50L2Tbt => 50,
        OkxChannel.Books5 => 5,
        _ => 400,
    };

    /// <summary>True for the order-book channels.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether it carries book levels.</returns>
    public static bool IsBook(this OkxChannel channel) =>
        channel is OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt or OkxChannel.Books5;
}
