using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>One record of a capture: a connection event, a frame or a REST response, with our receive time.</summary>
/// <param name="Time">Our local receive (or send) time, UTC, µs resolution.</param>
/// <param name="Kind">What the record is.</param>
/// <param name="Source">The WebSocket URL (open/close/frames) or the REST URL (responses).</param>
/// <param name="Payload">The frame or body bytes, verbatim; empty for open/close.</param>
public sealed record CaptureRecord(Timestamp Time, CaptureRecordKind Kind, string Source, ReadOnlyMemory<byte> Payload);
