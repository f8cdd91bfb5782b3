using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// The venue plug-in of the simulator: which recorded URLs a venue owns, its route (<c>/{Venue}</c>), how to read
/// recorded frames and client requests, the replies it sends and any per-client rewriting. One instance per
/// simulator (it may keep state learned from the recording, e.g. Bitfinex channel ids).
/// </summary>
internal abstract class SimulatedVenue
{
    /// <summary>The venue id, also the WebSocket route segment (<c>ws://127.0.0.1:port/{Venue}</c>).</summary>
    public abstract string Venue { get; }

    /// <summary>True when the recorded WebSocket or REST URL belongs to this venue.</summary>
    public abstract bool OwnsUrl(string url);

    /// <summary>A classifier for this venue's recorded frames (fed in recorded order).</summary>
    public abstract IRecordedFrameClassifier CreateClassifier();

    /// <summary>Reads a client text frame; may update the session (Bitfinex <c>conf</c>).</summary>
    public abstract SimulatedRequest ReadRequest(ReadOnlySpan<byte> message, SimulatedSession session);

    /// <summary>Frames answering a request, sent before any snapshot catch-up (acks, pongs, errors).</summary>
    public abstract IEnumerable<byte[]> Replies(SimulatedRequest request, SimulatedSession session, ReplyContext context);

    /// <summary>The frame sent when a client connects: the recorded greeting by default (none when not recorded).</summary>
    public virtual byte[]? Greeting(SimulatedSession session, ReadOnlyMemory<byte>? recorded) => recorded?.ToArray();

    /// <summary>The bytes a given client receives for a recorded frame; the frame itself unless the venue renumbers.</summary>
    public virtual ReadOnlyMemory<byte> RewriteForClient(ReadOnlyMemory<byte> frame, SimulatedSession session) => frame;

    /// <summary>
    /// A frame this client was subscribed to was withheld by fault injection. Venues with connection-wide sequence
    /// numbers (Bitfinex SEQ_ALL) consume one, so the loss shows as a gap exactly as a lost message would live.
    /// </summary>
    public virtual void OnFrameWithheld(SimulatedSession session)
    {
    }

    /// <summary>Whether this repo's connector can subscribe a recorded book channel (Bybit: v5 <c>orderbook.N</c>, not the
    /// retired v2 <c>orderBookL2_25</c>); <see cref="ExchangeSimulator.Endpoints"/> lists only such symbols.</summary>
    public virtual bool IsConnectorChannel(string channel) => true;

    /// <summary>The connector settings that subscribe what was recorded (book channel, depth); none by default.</summary>
    public virtual RecordedBookSettings DescribeRecording(RecordingFacts facts) => default;

    /// <summary>The recorded book checksum of a book frame, when the venue sends one (Kraken <c>c</c>, OKX <c>checksum</c>).</summary>
    public virtual bool TryReadChecksum(ReadOnlySpan<byte> frame, out long checksum)
    {
        checksum = 0;
        return false;
    }

    /// <summary>The byte index of one size/amount digit of a book diff that <c>CorruptNextDiff</c> changes; false when
    /// the diff has no level whose size can be changed meaningfully.</summary>
    public abstract bool TryLocateSizeDigit(ReadOnlySpan<byte> frame, out int index);

    /// <summary>Serialises with <see cref="Utf8JsonWriter"/>; synthesized replies are rare, so allocating is fine.</summary>
    protected static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(output))
        {
            write(json);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses a client message; null when it is not JSON.</summary>
    protected static JsonDocument? TryParse(ReadOnlySpan<byte> message)
    {
        try
        {
            return JsonDocument.Parse(message.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The recorded ack for a key, or the synthesized one.</summary>
    protected static byte[] RecordedOr(ReplyContext context, string key, Func<byte[]> synthesize) =>
        context.TryGetRecordedAck(key, out var ack) ? ack.ToArray() : synthesize();

    /// <summary>A string property, or null.</summary>
    protected static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A property's raw JSON text (for echoing ids), or null.</summary>
    protected static string? RawOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.GetRawText() : null;

    /// <summary>True when the ASCII text equals <paramref name="literal"/> ignoring surrounding whitespace.</summary>
    protected static bool IsLiteral(ReadOnlySpan<byte> message, string literal) =>
        Encoding.UTF8.GetString(message).Trim() == literal;
}
