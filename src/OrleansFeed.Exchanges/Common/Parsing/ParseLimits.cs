namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>Caps applied to untrusted venue input before anything reaches a book.</summary>
public sealed record ParseLimits
{
    /// <summary>Default caps.</summary>
    public static ParseLimits Default { get; } = new();

    /// <summary>Largest frame accepted, in bytes. Default 4 MiB (a 5000-level Binance snapshot is about 300 KB).</summary>
    public int MaxFrameBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most levels accepted in one message (both sides together). Default 20,000.</summary>
    public int MaxLevelsPerMessage { get; init; } = 20_000;
}
