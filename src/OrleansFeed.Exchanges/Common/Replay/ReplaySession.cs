namespace OrleansFeed.Exchanges.Common.Replay;

/// <summary>The outcome of replaying one capture session (one recording: its <c>.ws</c> and <c>.http</c> files).</summary>
public sealed class ReplaySession
{
    internal ReplaySession(string name, IReadOnlyList<string> files)
    {
        Name = name;
        Files = files;
    }

    /// <summary>Session name: the shared file stem.</summary>
    public string Name { get; }

    /// <summary>The files merged into the session.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Books by <c>venue:symbol</c>.</summary>
    public SortedDictionary<string, ReplayBook> Books { get; } = new(StringComparer.Ordinal);

    /// <summary>Records read.</summary>
    public long Records { get; internal set; }

    /// <summary>WebSocket frames parsed.</summary>
    public long Frames { get; internal set; }

    /// <summary>Frames that were control messages (acks, pongs).</summary>
    public long ControlFrames { get; internal set; }

    /// <summary>Valid frames of streams we don't use (klines, tickers).</summary>
    public long IgnoredFrames { get; internal set; }

    /// <summary>Frames rejected by the parser.</summary>
    public long RejectedFrames { get; internal set; }

    /// <summary>Rejected frames whose symbol could not be read (every book of their connection was marked unverified); the rest count per book.</summary>
    public long ConnectionRejectedFrames { get; internal set; }

    /// <summary>REST responses read as snapshots.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Frames from connections of venues no adapter handles.</summary>
    public long UnknownVenueFrames { get; internal set; }
}
