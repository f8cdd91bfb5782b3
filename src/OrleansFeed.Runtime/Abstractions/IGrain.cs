namespace OrleansFeed.Runtime;

/// <summary>
/// Marker for grain interfaces. A grain interface's methods must return <see cref="Task"/>,
/// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>; calls through
/// a reference from <see cref="IGrainFactory"/> run on the grain's activation one turn at a time.
/// </summary>
public interface IGrain
{
}

/// <summary>A grain addressed by a string key (e.g. <c>binance-futures:BTCUSDT</c>).</summary>
public interface IGrainWithStringKey : IGrain
{
}
