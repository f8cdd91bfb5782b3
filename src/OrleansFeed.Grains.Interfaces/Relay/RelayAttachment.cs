using Orleans;
using Orleans.Runtime;

namespace OrleansFeed.Grains.Relay;

/// <summary>The answer to <see cref="IRelaySourceGrain.AttachRelayAsync"/>.</summary>
/// <param name="ProducerSilo">The silo the producer runs on; the subscriber re-attaches when it leaves the cluster.</param>
/// <param name="Forwarding">True when events are forwarded to the observer; false when the subscriber is on the
/// producer's silo (it hears the stream directly and is only told when the producer ends).</param>
[GenerateSerializer]
[Immutable]
[Alias("OrleansFeed.RelayAttachment")]
public sealed record RelayAttachment([property: Id(0)] SiloAddress ProducerSilo, [property: Id(1)] bool Forwarding);
