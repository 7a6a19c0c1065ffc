using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// The life of one resource: wait for its dependencies, prepare and launch it, publish its state and health,
/// report a crash, and stop or restart it on request.
/// </summary>
internal sealed class ResourceController(
    IResource resource,
    IResourceRunner runner,
    ProcessSupervisor supervisor,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    HealthWaiter health,
    IOptions<AppHostOptions> options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private const int CrashReportLines = 15;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SupervisedProcess? _process;
    private Task _exitWatch = Task.CompletedTask;
    private CancellationTokenSource? _healthWatch;
    private volatile bool _stopRequested;

    public string Name => resource.Name;

    public bool IsProject => runner.ResourceType == "Project";

    public void PublishInitial() => Publish(s => s with { State = KnownResourceStates.NotStarted, Urls = [.. Urls()] });

    /// <summary>Called when the AppHost starts stopping, so exits from now on are not reported as crashes.</summary>
    public void MarkStopping() => _stopRequested = true;

    /// <summary>Waits for the dependencies (<c>WaitFor</c>, <c>WaitForCompletion</c>, a database's server), then starts.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var waits = resource.Annotations.OfType<WaitAnnotation>().ToList();
        if (resource is IResourceWithParent { Parent: var parent })
        {
            waits.Insert(0, new WaitAnnotation(parent, WaitType.WaitUntilHealthy));
        }

        if (waits.Count > 0)
        {
            Publish(s => s with { State = KnownResourceStates.Waiting });
            try
            {
                foreach (var wait in waits)
                {
                    await WaitForDependencyAsync(wait, stopping);
                }
            }
            catch (DistributedApplicationException e)
            {
                FailToStart(e.Message);
                return;
            }
        }

        await StartAsync(stopping);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _stopRequested = false;
            Publish(s => s with { State = KnownResourceStates.Starting, ExitCode = null, StopTime = null, HealthStatus = null });
            ProcessSpec? spec;
            try
            {
                spec = await runner.PrepareAsync(resource, cancellationToken);
                _process = spec is null ? null : supervisor.Start(Name, spec);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong (a missing binary, a folder it may not write, initdb failing) is this resource's
                // failure only: it is reported and the others go on.
                FailToStart(e.Message);
                return;
            }

            var hasChecks = runner.HasHealthCheck(resource);
            Publish(s => s with
            {
                State = KnownResourceStates.Running,
                ProcessId = _process?.Id,
                StartTime = timeProvider.GetUtcNow(),
                HealthStatus = hasChecks ? HealthStatus.Unhealthy : HealthStatus.Healthy,
                Environment = spec?.Environment ?? [],
            });
            _healthWatch = new CancellationTokenSource();
            if (_process is { } process)
            {
                _exitWatch = WatchExitAsync(process, _healthWatch);
            }

            if (hasChecks)
            {
                _ = WatchHealthAsync(_healthWatch.Token);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _stopRequested = true;
            if (_healthWatch is { } healthWatch)
            {
                await healthWatch.CancelAsync();
            }

            if (_process is not { HasExited: false } process)
            {
                return;
            }

            Publish(s => s with { State = KnownResourceStates.Stopping });
            await process.StopAsync(options.Value.StopTimeout);
            await _exitWatch;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitForDependencyAsync(WaitAnnotation wait, CancellationToken cancellationToken)
    {
        var name = wait.Resource.Name;
        if (wait.WaitType == WaitType.WaitUntilHealthy)
        {
            await notifications.WaitForResourceHealthyAsync(name, cancellationToken);
            return;
        }

        var end = await notifications.WaitForAsync(name, s => s.State is KnownResourceStates.Finished or KnownResourceStates.Exited or KnownResourceStates.FailedToStart, cancellationToken);
        if (end.State != KnownResourceStates.Finished || end.ExitCode != 0)
        {
            throw new DistributedApplicationException($"'{Name}' waits for '{name}' to complete, but it ended as {end.State} (exit code {end.ExitCode?.ToString() ?? "none"}).");
        }
    }

    private async Task WatchHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await health.WaitAsync(ct => runner.ProbeAsync(resource, ct), cancellationToken);
            PublishHealth(healthy: true);
            OrchestratorLog.ResourceHealthy(logger, Name);
            await health.MonitorAsync(ct => runner.ProbeAsync(resource, ct), PublishHealth, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The process exited or the resource is stopping.
        }
        catch (DistributedApplicationException e)
        {
            // It can never become healthy: stop it rather than leave its dependents waiting.
            await StopAsync();
            FailToStart(e.Message);
        }
    }

    /// <summary>Publishes a health change of the running resource (nothing when unchanged, so watchers see changes only).</summary>
    private void PublishHealth(bool healthy)
    {
        var status = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        if (notifications.Current.GetValueOrDefault(Name) is { State: KnownResourceStates.Running } current && current.HealthStatus != status)
        {
            Publish(s => s.State == KnownResourceStates.Running ? s with { HealthStatus = status } : s);
        }
    }

    private async Task WatchExitAsync(SupervisedProcess process, CancellationTokenSource healthWatch)
    {
        var exitCode = await process.Exited;
        await healthWatch.CancelAsync();
        var expected = _stopRequested;

        // Only a project can finish on purpose (a migration step); a server that exits by itself has failed, whatever its code.
        var finished = exitCode == 0 && !expected && IsProject;
        var state = finished ? KnownResourceStates.Finished : KnownResourceStates.Exited;
        if (!expected && !finished)
        {
            var lastLines = logs.GetBacklog(Name).TakeLast(CrashReportLines).Select(l => "    " + l.Content);
            OrchestratorLog.ResourceCrashed(logger, Name, exitCode, string.Join(Environment.NewLine, lastLines));
        }

        Publish(s => s with { State = state, ExitCode = exitCode, ProcessId = null, HealthStatus = null, StopTime = timeProvider.GetUtcNow() });
    }

    private void FailToStart(string reason)
    {
        Publish(s => s with { State = KnownResourceStates.FailedToStart, HealthStatus = null });
        logs.Write(Name, reason, isError: true);
        OrchestratorLog.ResourceFailedToStart(logger, Name, reason);
    }

    private IEnumerable<ResourceUrl> Urls()
    {
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            if (endpoint.AllocatedEndpoint is { } allocated)
            {
                yield return new ResourceUrl(endpoint.Name, allocated.Url, endpoint.IsExternal);
            }
        }

        var baseUrl = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.UriScheme is "http" or "https")?.AllocatedEndpoint?.Url;
        foreach (var url in resource.Annotations.OfType<ResourceUrlAnnotation>())
        {
            // On Unix "/scalar/v1" parses as an absolute file:// URI, so only http(s) URLs count as absolute.
            var absolute = Uri.TryCreate(url.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.ToString()
                : baseUrl is null ? url.Url : new Uri(new Uri(baseUrl), url.Url).ToString();
            yield return new ResourceUrl(url.DisplayText ?? url.Url, absolute, IsExternal: true);
        }
    }

    private void Publish(Func<ResourceSnapshot, ResourceSnapshot> update) =>
        notifications.Publish(Name, update, runner.ResourceType);
}
