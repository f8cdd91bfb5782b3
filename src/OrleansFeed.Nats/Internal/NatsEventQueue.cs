using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Nats.Internal;

/// <summary>
/// Runs event handlers on their own loop so a slow or throwing handler can never block the reader loop. Bounded:
/// when full, the oldest undelivered event is dropped.
/// </summary>
internal sealed class NatsEventQueue : IAsyncDisposable
{
    private readonly Channel<(string Name, Action Invoke)> _channel;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public NatsEventQueue(int capacity, ILogger logger)
    {
        _logger = logger;
        _channel = Channel.CreateBounded<(string, Action)>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            AllowSynchronousContinuations = false,
        });
        _loop = Task.Run(RunAsync);
    }

    public void Enqueue(string name, Action invoke) => _channel.Writer.TryWrite((name, invoke));

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var (name, invoke) in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                invoke();
            }
            catch (Exception ex)
            {
                _logger.EventHandlerFailed(name, ex);
            }
        }
    }
}
