using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>Records every log entry of every category (all levels), rendered and with its structured fields.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, EventId EventId, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Fields);

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Copied as text now: some states (e.g. request logs) read the HttpContext, which is gone later.
            var fields = (state as IReadOnlyList<KeyValuePair<string, object?>> ?? []).Select(f => new KeyValuePair<string, string?>(f.Key, f.Value?.ToString())).ToList();
            provider.Entries.Enqueue(new Entry(category, eventId, logLevel, formatter(state, exception) + exception, fields));
        }
    }
}
