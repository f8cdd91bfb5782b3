namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>Cross-silo relay of the fan-out (configuration section <c>Relay</c>, all optional).</summary>
public sealed class RelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Relay";

    /// <summary>
    /// How long a subscriber waits after its producer ended (grain deactivated, or its silo left the cluster) before it
    /// attaches again. The wait lets the producer's own connector re-activate the book first (so the book is placed with
    /// its connector, not on the subscriber's silo). Default 1 s.
    /// </summary>
    public TimeSpan ReattachDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a subscriber silo renews each attachment (one grain call per followed stream): restores a forwarder the
    /// producer's silo dropped after a failed call, and notices a producer that moved. Default 30 s.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait between attempts when attaching fails (producer silo unreachable, activation failing). Default 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Events the producer's silo queues per remote subscriber silo and stream while a batch is in flight; beyond it the
    /// oldest are dropped (the subscribers then see a sequence gap and re-snapshot). Never back-pressure on the producer.
    /// Default 65,536.
    /// </summary>
    public int ForwarderCapacity { get; set; } = 65_536;

    /// <summary>Most events in one relayed batch (one grain-observer call). Default 1,024.</summary>
    public int MaxBatch { get; set; } = 1_024;

    /// <summary>One line per invalid value.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IEnumerable<string> Validate()
    {
        if (ReattachDelay < TimeSpan.Zero)
        {
            yield return "Relay:ReattachDelay must not be negative.";
        }

        if (RefreshInterval <= TimeSpan.Zero)
        {
            yield return "Relay:RefreshInterval must be positive.";
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            yield return "Relay:RetryDelay must be positive.";
        }

        if (ForwarderCapacity is < 1 or > 16_777_216)
        {
            yield return "Relay:ForwarderCapacity must be 1..16777216.";
        }

        if (MaxBatch < 1)
        {
            yield return "Relay:MaxBatch must be at least 1.";
        }
    }
}
