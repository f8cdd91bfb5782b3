using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Scanning;

/// <summary>
/// Runs a venue's parser with its scanner and without (validating path only) over the same frames and compares, frame
/// by frame, the status and everything handed to the sink.
/// </summary>
internal sealed class ParserDifferential(IFrameParser scanning, IFrameParser validating)
{
    private readonly TranscriptSink _scanned = new();
    private readonly TranscriptSink _validated = new();

    public int Frames { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Every WebSocket frame received in every capture of a venue folder, in recorded order.</summary>
    public static IEnumerable<(byte[] Frame, Timestamp Time)> RecordedFrames(string folder) =>
        SharedData.Files(folder)
            .SelectMany(CaptureFile.Read)
            .Where(r => r.Kind == CaptureRecordKind.Received)
            .Select(r => (r.Payload.ToArray(), r.Time));

    /// <summary>Parses one frame with both parsers and fails with the frame's text at the first difference.</summary>
    public void Check(byte[] frame, Timestamp time)
    {
        _scanned.Lines.Clear();
        _validated.Lines.Clear();
        var scannedStatus = scanning.Parse(frame, time, _scanned);
        var validatedStatus = validating.Parse(frame, time, _validated);
        var text = System.Text.Encoding.UTF8.GetString(frame);
        scannedStatus.Should().Be(validatedStatus, $"the status must not depend on the scanner for {text}");
        _scanned.Lines.Should().Equal(_validated.Lines, $"the sink must receive the same for {text}");
        Frames++;
        if (validatedStatus == ParseStatus.Rejected)
        {
            Rejected++;
        }
    }
}
