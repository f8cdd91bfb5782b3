using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>A venue's WebSocket frame parser: one per connection, not thread-safe, never throws for venue input.</summary>
public interface IFrameParser
{
    /// <summary>Parses one text frame and hands what it finds to <paramref name="sink"/>.</summary>
    /// <param name="frame">The frame's UTF-8 bytes.</param>
    /// <param name="receiveTime">Our receive time (UTC, µs).</param>
    /// <param name="sink">Receives events and rejections.</param>
    /// <returns>What was done with the frame.</returns>
    ParseStatus Parse(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink);
}
