namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// JetStream streams of the bridge (section <c>Nats:JetStream</c>). The streams capture the bridge's core subjects
/// (<c>{prefix}.trade.&gt;</c>, closed candles on <c>{prefix}.candle-closed.&gt;</c>), so each trade is published once
/// and stored; the <c>Nats-Msg-Id</c> header makes a repeat within <see cref="DuplicateWindow"/> a no-op.
/// </summary>
/// <remarks>Every stream has explicit limits (age, bytes, messages per subject; the oldest messages go first) sized
/// so that both streams fit in well under 1 GiB of disk by default.</remarks>
/// <seealso href="https://docs.nats.io/nats-concepts/jetstream/streams"/>
public sealed class NatsBridgeJetStreamOptions
{
    /// <summary>Creates/updates the streams after every connect. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Trades stream name. Default <c>MD_TRADES</c>; no dots, spaces, <c>*</c> or <c>&gt;</c>.</summary>
    public string TradesStream { get; set; } = "MD_TRADES";

    /// <summary>Candles stream name (created only when candles are published). Default <c>MD_CANDLES</c>.</summary>
    public string CandlesStream { get; set; } = "MD_CANDLES";

    /// <summary>Retention window of the trades: messages older than this are removed. Default 24 h; must be positive.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>De-duplication window of <c>Nats-Msg-Id</c>. Default 2 min; must be positive and at most <see cref="MaxAge"/>.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Bytes the trades stream keeps at most; the oldest trades are removed first. Default 512 MiB; 1 MiB..1 TiB.</summary>
    public long TradesMaxBytes { get; set; } = 512L << 20;

    /// <summary>Trades kept per subject (venue-symbol) at most. Default 1,000,000; 1..10^9.</summary>
    public long TradesMaxMessagesPerSubject { get; set; } = 1_000_000;

    /// <summary>Retention window of the closed candles. Default 7 days; must be positive.</summary>
    public TimeSpan CandlesMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Bytes the candles stream keeps at most. Default 64 MiB; 1 MiB..1 TiB.</summary>
    public long CandlesMaxBytes { get; set; } = 64L << 20;

    /// <summary>Closed candles kept per subject (interval × instrument × venue) at most. Default 10,080 (a week of 1m candles); 1..10^9.</summary>
    public long CandlesMaxMessagesPerSubject { get; set; } = 10_080;

    /// <summary><c>File</c> (default, survives server restarts) or <c>Memory</c>.</summary>
    public string Storage { get; set; } = "File";
}
