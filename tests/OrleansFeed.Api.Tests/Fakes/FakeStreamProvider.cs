using System.Collections.Concurrent;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Tests.Fakes;

/// <summary>In-memory streams that call every handler synchronously in publish order (no queue, never drops).</summary>
internal sealed class FakeStreamProvider : IStreamProvider
{
    private readonly ConcurrentDictionary<FanOutStreamId, object> _streams = new();

    public IAsyncStream<T> GetStream<T>(FanOutStreamId id) => (IAsyncStream<T>)_streams.GetOrAdd(id, i => new FakeStream<T>(i));

    public int SubscriberCount<T>(FanOutStreamId id) => ((FakeStream<T>)GetStream<T>(id)).SubscriberCount;

    private sealed class FakeStream<T>(FanOutStreamId id) : IAsyncStream<T>
    {
        private readonly object _gate = new();
        private readonly List<Subscription> _subscriptions = [];

        public FanOutStreamId Id { get; } = id;

        public int SubscriberCount
        {
            get
            {
                lock (_gate)
                {
                    return _subscriptions.Count;
                }
            }
        }

        public async ValueTask OnNextAsync(T item, CancellationToken cancellationToken = default)
        {
            Subscription[] current;
            lock (_gate)
            {
                current = [.. _subscriptions];
            }

            foreach (var s in current)
            {
                await s.Handler(item);
            }
        }

        public IStreamSubscription Subscribe(Func<T, ValueTask> handler, StreamSubscriptionOptions? options = null)
        {
            var subscription = new Subscription(this, handler);
            lock (_gate)
            {
                _subscriptions.Add(subscription);
            }

            return subscription;
        }

        private sealed class Subscription(FakeStream<T> stream, Func<T, ValueTask> handler) : IStreamSubscription
        {
            public Func<T, ValueTask> Handler { get; } = handler;

            public FanOutStreamId FanOutStreamId => stream.Id;

            public int Pending => 0;

            public long Dropped => 0;

            public long HandlerFaults => 0;

            public ValueTask DisposeAsync()
            {
                lock (stream._gate)
                {
                    stream._subscriptions.Remove(this);
                }

                return ValueTask.CompletedTask;
            }
        }
    }
}
