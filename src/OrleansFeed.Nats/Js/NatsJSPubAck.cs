namespace OrleansFeed.Nats.Js;

/// <summary>The stream's acknowledgement of a JetStream publish.</summary>
/// <param name="Stream">The stream that stored the message.</param>
/// <param name="Seq">The message's stream sequence (of the original message when <paramref name="Duplicate"/>).</param>
/// <param name="Duplicate">True when the <c>Nats-Msg-Id</c> was seen within the duplicate window: nothing was stored.</param>
/// <param name="Domain">JetStream domain, or null.</param>
/// <seealso href="https://docs.nats.io/using-nats/developer/develop_jetstream/model_deep_dive#message-deduplication"/>
public sealed record NatsJSPubAck(string Stream, ulong Seq, bool Duplicate, string? Domain);
