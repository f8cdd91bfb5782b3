using OrleansFeed.Simulator.Internal;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private readonly List<(string? Venue, string Symbol)> _pendingCorruptions = [];
    private volatile int _pendingCorruptionCount;
    private long _diffsCorrupted;

    /// <summary>Book diffs sent with one size digit changed by <see cref="CorruptNextDiff(string)"/>.</summary>
    public long DiffsCorrupted => Interlocked.Read(ref _diffsCorrupted);

    /// <summary>
    /// Changes one digit of one size/amount in the next book diff of <paramref name="symbol"/> (any venue) that can be
    /// corrupted meaningfully, keeping the JSON valid and the length unchanged. On checksum venues (Kraken, OKX) the
    /// chosen diff is one whose recorded checksum is known and changed and the level is the diff's best-priced one, so the client's
    /// checksum check fails; elsewhere the book silently diverges. Deletions are turned into a tiny size.
    /// </summary>
    /// <param name="symbol">Symbol as the venue spells it, any case.</param>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    public void CorruptNextDiff(string symbol) => AddCorruption(null, symbol);

    /// <summary>As <see cref="CorruptNextDiff(string)"/>, for one venue only.</summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Symbol as the venue spells it, any case.</param>
    /// <exception cref="ArgumentException"><paramref name="venue"/> or <paramref name="symbol"/> is empty.</exception>
    public void CorruptNextDiff(string venue, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        AddCorruption(venue, symbol);
    }

    private void AddCorruption(string? venue, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        lock (_dropLock)
        {
            _pendingCorruptions.Add((venue, symbol));
            _pendingCorruptionCount = _pendingCorruptions.Count;
        }

        Log.FaultInjected(_logger, nameof(CorruptNextDiff), venue is null ? symbol : venue + "/" + symbol);
    }

    /// <summary>Removes the first pending corruption matching the frame; the caller has already corrupted it.</summary>
    private bool HasCorruption(string venue, string symbol, bool consume)
    {
        if (_pendingCorruptionCount == 0)
        {
            return false;
        }

        lock (_dropLock)
        {
            var index = _pendingCorruptions.FindIndex(p => Matches(p.Venue, p.Symbol, venue, symbol));
            if (index >= 0 && consume)
            {
                _pendingCorruptions.RemoveAt(index);
                _pendingCorruptionCount = _pendingCorruptions.Count;
            }

            return index >= 0;
        }
    }

    /// <summary>A corrupted copy of a venue diff when a corruption is pending for it and the diff can carry one.</summary>
    private ReadOnlyMemory<byte>? TryCorruptVenue(PlaybackFrame frame, string symbol)
    {
        if (!HasCorruption(frame.VenueId, symbol, consume: false) || !frame.TouchesChecksum
            || !frame.Venue!.TryLocateSizeDigit(frame.Combined.Span, out var index))
        {
            return null;
        }

        HasCorruption(frame.VenueId, symbol, consume: true);
        Interlocked.Increment(ref _diffsCorrupted);
        return ChangeDigit(frame.Combined, index);
    }

    /// <summary>A corrupted copy of a Binance depth diff (both wire forms) when a corruption is pending for it.</summary>
    private PlaybackFrame? TryCorruptBinance(PlaybackFrame frame, string symbol)
    {
        if (!HasCorruption(frame.VenueId, symbol, consume: false))
        {
            return null;
        }

        var combined = JsonLevelScan.Find(frame.Combined.Span, ["a"], ["b"], priceIndex: 0, sizeIndex: 1);
        var raw = JsonLevelScan.Find(frame.Raw.Span, ["a"], ["b"], priceIndex: 0, sizeIndex: 1);
        if (combined.Count == 0 || raw.Count == 0)
        {
            return null;
        }

        HasCorruption(frame.VenueId, symbol, consume: true);
        Interlocked.Increment(ref _diffsCorrupted);
        return frame with
        {
            Combined = ChangeDigit(frame.Combined, JsonLevelScan.LastDigit(frame.Combined.Span, combined[0].SizeStart, combined[0].SizeLength)),
            Raw = ChangeDigit(frame.Raw, JsonLevelScan.LastDigit(frame.Raw.Span, raw[0].SizeStart, raw[0].SizeLength)),
        };
    }

    /// <summary>A copy with the digit at <paramref name="index"/> changed (9 → 8, else +1): same length, still valid JSON.</summary>
    private static byte[] ChangeDigit(ReadOnlyMemory<byte> frame, int index)
    {
        var copy = frame.ToArray();
        copy[index] = copy[index] == (byte)'9' ? (byte)'8' : (byte)(copy[index] + 1);
        return copy;
    }
}
