using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AuthApp.Hosting.Runtime;

/// <summary>
/// Holds the latest snapshot of every resource and tells watchers of each change
/// (Aspire's <c>ResourceNotificationService</c>). The orchestrator publishes; the dashboard and tests watch.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Channel<ResourceEvent>, byte> _watchers = new();
    private readonly Lock _publishLock = new();

    /// <summary>The current snapshot of every resource.</summary>
    public IReadOnlyDictionary<string, ResourceSnapshot> Current => _latest;

    /// <summary>Replaces a resource's snapshot with <paramref name="update"/> applied to the current one.</summary>
    public ResourceSnapshot Publish(string resourceName, Func<ResourceSnapshot, ResourceSnapshot> update, string resourceType = "Executable")
    {
        ResourceSnapshot next;
        lock (_publishLock)
        {
            var current = _latest.GetValueOrDefault(resourceName) ?? new ResourceSnapshot { ResourceType = resourceType };
            next = update(current);
            _latest[resourceName] = next;
        }

        var change = new ResourceEvent(resourceName, next);
        foreach (var watcher in _watchers.Keys)
        {
            watcher.Writer.TryWrite(change);
        }

        return next;
    }

    /// <summary>Every current snapshot, then each change as it happens.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceEvent>();
        _watchers.TryAdd(channel, 0);
        try
        {
            foreach (var (name, snapshot) in _latest)
            {
                yield return new ResourceEvent(name, snapshot);
            }

            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the resource's snapshot.</summary>
    public async Task<ResourceSnapshot> WaitForAsync(string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        await foreach (var change in WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(change.ResourceName, resourceName, StringComparison.OrdinalIgnoreCase) && predicate(change.Snapshot))
            {
                return change.Snapshot;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Waits until the resource is running and healthy (Aspire's <c>WaitForResourceHealthyAsync</c>). Like Aspire's
    /// default wait behaviour, it throws <see cref="DistributedApplicationException"/> when the resource ends instead
    /// (FailedToStart, Exited, Finished), so a dependent never waits forever.
    /// </summary>
    public async Task<ResourceSnapshot> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var snapshot = await WaitForAsync(
            resourceName,
            s => (s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy) || IsEnded(s),
            cancellationToken).ConfigureAwait(false);
        return IsEnded(snapshot)
            ? throw new DistributedApplicationException(
                $"'{resourceName}' will not become healthy: it is {snapshot.State}{(snapshot.ExitCode is { } code ? $" (exit code {code})" : string.Empty)}.")
            : snapshot;
    }

    private static bool IsEnded(ResourceSnapshot s) =>
        s.State is KnownResourceStates.FailedToStart or KnownResourceStates.Exited or KnownResourceStates.Finished;
}
