using System.Collections.Immutable;

namespace AuthApp.Hosting.Runtime;

/// <summary>Aspire's resource state words, used by the console, the dashboard and the tests.</summary>
public static class KnownResourceStates
{
    /// <summary>Not started yet.</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Held by a <c>WaitFor</c>.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Process launched, not yet running.</summary>
    public const string Starting = "Starting";

    /// <summary>Process running.</summary>
    public const string Running = "Running";

    /// <summary>Being stopped.</summary>
    public const string Stopping = "Stopping";

    /// <summary>Exited (any exit code).</summary>
    public const string Exited = "Exited";

    /// <summary>Completed on purpose (a one-shot resource such as a migration).</summary>
    public const string Finished = "Finished";

    /// <summary>Could not be started.</summary>
    public const string FailedToStart = "FailedToStart";
}

/// <summary>Health of a running resource.</summary>
public enum HealthStatus
{
    /// <summary>Checks pass.</summary>
    Healthy,

    /// <summary>Checks fail or have not passed yet.</summary>
    Unhealthy,
}

/// <summary>An immutable view of a resource at one moment.</summary>
public sealed record ResourceSnapshot
{
    /// <summary>Resource type word: <c>Project</c>, <c>Container</c>, <c>Executable</c>, <c>Parameter</c>, <c>ConnectionString</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>One of <see cref="KnownResourceStates"/>.</summary>
    public string State { get; init; } = KnownResourceStates.NotStarted;

    /// <summary>Health, when the resource is running and has checks; <c>null</c> when unknown.</summary>
    public HealthStatus? HealthStatus { get; init; }

    /// <summary>Exit code once exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Process id while running.</summary>
    public int? ProcessId { get; init; }

    /// <summary>When the current run started.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it stopped.</summary>
    public DateTimeOffset? StopTime { get; init; }

    /// <summary>Endpoint URLs by endpoint name.</summary>
    public ImmutableArray<ResourceUrl> Urls { get; init; } = [];

    /// <summary>Environment as given to the process; secret values flagged so viewers mask them.</summary>
    public ImmutableArray<EnvironmentVariableSnapshot> Environment { get; init; } = [];
}

/// <summary>An endpoint URL of a resource.</summary>
/// <param name="Name">Endpoint name.</param>
/// <param name="Url">The URL.</param>
/// <param name="IsExternal">Whether it is meant for people.</param>
public sealed record ResourceUrl(string Name, string Url, bool IsExternal);

/// <summary>One environment variable of a resource.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Value">Value (a secret is still here: viewers must mask it by default).</param>
/// <param name="IsSecret">Whether the value is a secret (passwords, keys, connection strings).</param>
public sealed record EnvironmentVariableSnapshot(string Name, string? Value, bool IsSecret);

/// <summary>A change of a resource's snapshot.</summary>
/// <param name="ResourceName">The resource.</param>
/// <param name="Snapshot">Its new snapshot.</param>
public sealed record ResourceEvent(string ResourceName, ResourceSnapshot Snapshot);
