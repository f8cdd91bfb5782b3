using System.Text.Json;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;

namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>
/// The part every venue's JSON frame parser shares: the frame-size cap, and the rule that venue input never throws
/// out of <see cref="Parse"/> (a frame the JSON reader cannot read is <see cref="FrameRejectReason.Malformed"/>, a token
/// of the wrong type <see cref="FrameRejectReason.WrongFieldType"/>; both reported to the sink). Subclasses read the
/// venue's shapes in <see cref="ParseFrame"/>.
/// </summary>
/// <remarks>Not thread-safe: one parser per connection (parsers may keep per-connection state such as channel ids).</remarks>
public abstract class JsonFrameParser : IFrameParser
{
    /// <summary>Creates the parser.</summary>
    /// <param name="limits">Caps on untrusted input; <see cref="ParseLimits.Default"/> when null.</param>
    protected JsonFrameParser(ParseLimits? limits)
    {
        Limits = limits ?? ParseLimits.Default;
    }

    /// <summary>Caps on untrusted input (frame bytes, levels per message).</summary>
    protected ParseLimits Limits { get; }

    /// <summary>Parses one text frame; never throws for venue input.</summary>
    /// <param name="frame">The frame's UTF-8 bytes.</param>
    /// <param name="receiveTime">When we received it (UTC, µs).</param>
    /// <param name="sink">Receives events and rejections.</param>
    /// <returns>What was done with the frame.</returns>
    public ParseStatus Parse(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (frame.Length > Limits.MaxFrameBytes)
        {
            return Reject(sink, FrameRejectReason.TooLarge, null);
        }

        try
        {
            return ParseFrame(frame, receiveTime, sink);
        }
        catch (JsonException)
        {
            return Reject(sink, FrameRejectReason.Malformed, null);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader getters throw this on a token of the wrong type.
            return Reject(sink, FrameRejectReason.WrongFieldType, null);
        }
    }

    /// <summary>Reads one frame within the size cap; may throw <see cref="JsonException"/> or <see cref="InvalidOperationException"/> on bad input.</summary>
    /// <param name="frame">The frame's UTF-8 bytes.</param>
    /// <param name="receiveTime">When we received it (UTC, µs).</param>
    /// <param name="sink">Receives events and rejections.</param>
    /// <returns>What was done with the frame.</returns>
    protected abstract ParseStatus ParseFrame(ReadOnlySpan<byte> frame, Timestamp receiveTime, IMarketEventSink sink);

    /// <summary>Reports a rejected frame to the sink.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="reason">Why.</param>
    /// <param name="symbol">The symbol the frame named, when known.</param>
    /// <returns><see cref="ParseStatus.Rejected"/>.</returns>
    protected static ParseStatus Reject(IMarketEventSink sink, FrameRejectReason reason, string? symbol)
    {
        ArgumentNullException.ThrowIfNull(sink);
        sink.OnRejected(reason, symbol);
        return ParseStatus.Rejected;
    }
}
