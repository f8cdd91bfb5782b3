namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>What one capture record holds (docs/capture-format.md).</summary>
public enum CaptureRecordKind : byte
{
    /// <summary>A WebSocket connection was opened to <see cref="CaptureRecord.Source"/>.</summary>
    Open,

    /// <summary>The WebSocket connection to <see cref="CaptureRecord.Source"/> closed.</summary>
    Close,

    /// <summary>A text frame received from the venue.</summary>
    Received,

    /// <summary>A text frame we sent (subscribe requests).</summary>
    Sent,

    /// <summary>A REST response body received from the URL in <see cref="CaptureRecord.Source"/>.</summary>
    Rest,
}
