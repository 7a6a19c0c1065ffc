using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.Infrastructure;

/// <summary>Keeps every formatted log line (with its exception and structured values) in memory.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State, string? Exception)
    {
        public string Everything => $"{Category} {Message} {string.Join(' ', State.Select(kv => $"{kv.Key}={kv.Value}"))} {Exception}";
    }

    private sealed class Collector(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        /// <summary>
        /// A state value is only valid during the call (StackExchange.Redis logs results over pooled buffers),
        /// so anything but plain values is kept as the text it had then.
        /// </summary>
        private static object? Capture(object? value) =>
            value is null or string or IConvertible or Guid or DateTimeOffset or TimeSpan ? value : value.ToString();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => Capture(kv.Value)), exception?.ToString()));
        }
    }
}
