namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// JetStream streams of the bridge (section <c>Nats:JetStream</c>). The streams capture the bridge's core subjects
/// (<c>{prefix}.trade.&gt;</c>, <c>{prefix}.candle.&gt;</c>), so each trade is published once and stored; the
/// <c>Nats-Msg-Id</c> header makes a repeat within <see cref="DuplicateWindow"/> a no-op.
/// </summary>
/// <seealso href="https://docs.nats.io/nats-concepts/jetstream/streams"/>
public sealed class NatsBridgeJetStreamOptions
{
    /// <summary>Creates/updates the streams after every connect. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Trades stream name. Default <c>MD_TRADES</c>; no dots, spaces, <c>*</c> or <c>&gt;</c>.</summary>
    public string TradesStream { get; set; } = "MD_TRADES";

    /// <summary>Candles stream name (created only when candles are published). Default <c>MD_CANDLES</c>.</summary>
    public string CandlesStream { get; set; } = "MD_CANDLES";

    /// <summary>Retention window: messages older than this are removed. Default 24 h; must be positive.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>De-duplication window of <c>Nats-Msg-Id</c>. Default 2 min; must be positive and at most <see cref="MaxAge"/>.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>File</c> (default, survives server restarts) or <c>Memory</c>.</summary>
    public string Storage { get; set; } = "File";
}
