using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>A logger that keeps every entry's event id and level, for asserting what was logged and how often.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId EventId, LogLevel Level)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, logLevel));
}
