namespace OrleansFeed.Grains.Aggregation;

public sealed partial class AggregatorGrain
{
    private Task RestoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
