namespace OrleansFeed.Simulator.Venues;

/// <summary>What the simulator learned about one venue's recording, for <see cref="SimulatedVenue.DescribeRecording"/>.</summary>
/// <param name="BookChannels">Distinct channel names of the played book frames (e.g. <c>books-l2-tbt</c>, <c>orderbook.1</c>).</param>
/// <param name="Acks">Recorded subscribe acks by subscription key (<see cref="SubscriptionKey"/>).</param>
/// <param name="RestPaths">Distinct paths of the recorded REST book snapshots (KuCoin <c>/api/v3/market/orderbook/level2</c>).</param>
internal sealed record RecordingFacts(IReadOnlyCollection<string> BookChannels, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Acks, IReadOnlyCollection<string> RestPaths);
