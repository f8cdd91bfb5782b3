using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Tests.Connectors;

/// <summary>
/// A book grain for the connector's side only: records what each <see cref="IBookFeedGrain.ApplyAsync"/> call carried
/// (copied out, as a book must) and which batch object carried it, into the test's <see cref="BookFeedRecorder"/>.
/// </summary>
public sealed class RecordingBookFeedGrain(BookFeedRecorder recorder) : Grain, IBookFeedGrain
{
    /// <inheritdoc />
    public async ValueTask ApplyAsync(BookEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var call = recorder.OnCall(batch);
        if (recorder.Hold is { } hold)
        {
            await hold.Task;
        }

        if (call == recorder.FailOnCall)
        {
            throw new InvalidOperationException($"call {call} fails (arranged)");
        }

        var events = new List<(long LastUpdateId, string FirstPrice)>();
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var header = batch.Events[i];
            var levels = batch.LevelsOf(header);
            events.Add((header.LastUpdateId, levels.Length > 0 ? levels[0].Price.ToString() : ""));
        }

        recorder.OnApplied(events);
    }
}
