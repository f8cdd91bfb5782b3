using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>An Orleans book grain that answers snapshots from <see cref="FakeBooks"/>; deltas are published by the test.</summary>
public sealed class FakeBookGrain(FakeBooks books) : Grain, IOrderBookGrain
{
    public Task EnsureActiveAsync() => Task.CompletedTask;

    public Task<BookSnapshot> GetSnapshotAsync(int depth) => Task.FromResult(books.Get(this.GetPrimaryKeyString()));

    public Task<Trade[]> GetRecentTradesAsync(int limit) => Task.FromResult(Array.Empty<Trade>());

    public Task<Ticker> GetTickerAsync() => throw new NotSupportedException();
}
