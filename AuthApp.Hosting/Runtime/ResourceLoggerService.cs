using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AuthApp.Hosting.Runtime;

/// <summary>A console line of a resource.</summary>
/// <param name="LineNumber">1-based number within the resource's log since the AppHost started.</param>
/// <param name="Timestamp">When the line was read.</param>
/// <param name="Content">The text, without the trailing newline.</param>
/// <param name="IsErrorMessage">Whether it came from standard error.</param>
public sealed record LogLine(long LineNumber, DateTimeOffset Timestamp, string Content, bool IsErrorMessage);

/// <summary>
/// Keeps each resource's console output (the last <see cref="BacklogSize"/> lines, as Aspire does)
/// and streams new lines to watchers.
/// </summary>
public sealed class ResourceLoggerService(TimeProvider timeProvider)
{
    /// <summary>Lines kept per resource.</summary>
    public const int BacklogSize = 10_000;

    private readonly ConcurrentDictionary<string, ResourceLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Appends a line to a resource's log.</summary>
    public void Write(string resourceName, string content, bool isError = false) =>
        _logs.GetOrAdd(resourceName, _ => new ResourceLog()).Append(content, isError, timeProvider.GetUtcNow());

    /// <summary>The lines kept for a resource.</summary>
    public IReadOnlyList<LogLine> GetBacklog(string resourceName) =>
        _logs.TryGetValue(resourceName, out var log) ? log.Snapshot() : [];

    /// <summary>The kept lines, then each new line as it is written.</summary>
    public IAsyncEnumerable<LogLine> WatchAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _logs.GetOrAdd(resourceName, _ => new ResourceLog()).WatchAsync(cancellationToken);

    private sealed class ResourceLog
    {
        private readonly Queue<LogLine> _lines = new();
        private readonly List<Channel<LogLine>> _watchers = [];
        private readonly Lock _lock = new();
        private long _next = 1;

        public void Append(string content, bool isError, DateTimeOffset now)
        {
            lock (_lock)
            {
                var line = new LogLine(_next++, now, content, isError);
                _lines.Enqueue(line);
                if (_lines.Count > BacklogSize)
                {
                    _lines.Dequeue();
                }

                foreach (var watcher in _watchers)
                {
                    watcher.Writer.TryWrite(line);
                }
            }
        }

        public LogLine[] Snapshot()
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }

        public async IAsyncEnumerable<LogLine> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var channel = Channel.CreateUnbounded<LogLine>();
            LogLine[] backlog;
            lock (_lock)
            {
                backlog = [.. _lines];
                _watchers.Add(channel);
            }

            try
            {
                foreach (var line in backlog)
                {
                    yield return line;
                }

                await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return line;
                }
            }
            finally
            {
                lock (_lock)
                {
                    _watchers.Remove(channel);
                }
            }
        }
    }
}
