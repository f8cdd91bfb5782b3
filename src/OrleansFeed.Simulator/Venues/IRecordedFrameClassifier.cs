namespace OrleansFeed.Simulator.Venues;

/// <summary>
/// Classifies the recorded frames of one venue at load time, in recorded order. May keep state (Bitfinex maps
/// channel ids to channel and symbol from the recorded <c>subscribed</c> events).
/// </summary>
internal interface IRecordedFrameClassifier
{
    SimulatedFrameInfo Classify(ReadOnlySpan<byte> frame);
}
