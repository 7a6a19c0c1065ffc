using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Knows how to run one kind of resource locally: prepare it, launch it, tell when it is healthy.</summary>
internal interface IResourceRunner
{
    /// <summary>Aspire's resource type word shown by the dashboard.</summary>
    string ResourceType { get; }

    bool CanRun(IResource resource);

    /// <summary>Whether the resource has health checks (without any, running means healthy).</summary>
    bool HasHealthCheck(IResource resource);

    /// <summary>Prepares the resource (data folders, config files) and says how to launch it; <c>null</c> when it has no process.</summary>
    Task<ProcessSpec?> PrepareAsync(IResource resource, CancellationToken cancellationToken);

    /// <summary>
    /// One attempt of the resource's health checks: true when they pass. Throws <see cref="DistributedApplicationException"/>
    /// when they can never pass (e.g. the data was initialised with another password).
    /// </summary>
    Task<bool> ProbeAsync(IResource resource, CancellationToken cancellationToken);
}
