using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// Runs the app model locally: checks prerequisites, resolves parameters, allocates ports, then starts every
/// resource in dependency order and, when the AppHost stops, stops them (projects first, then the servers).
/// </summary>
internal sealed class Orchestrator(
    DistributedApplicationModel model,
    IEnumerable<IResourceRunner> runners,
    ServerBinaries binaries,
    ParameterResolver parameters,
    PortAllocator ports,
    StateDirectory state,
    ProcessSupervisor supervisor,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    HealthWaiter health,
    StartupSummary summary,
    ConsoleEcho echo,
    IOptions<AppHostOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<Orchestrator> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<ResourceController> _controllers = [];
    private Task _run = Task.CompletedTask;
    private int _stopped;

    public ResourceController this[string name] =>
        _controllers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No runnable resource named '{name}'.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        binaries.EnsureAvailable(
            needsPostgres: model.Resources.OfType<PostgresServerResource>().Any(),
            needsRedis: model.Resources.OfType<RedisResource>().Any());
        state.EnsureExists();
        OrchestratorLog.UsingStateDirectory(logger, state.Path);
        foreach (var parameter in model.Resources.OfType<ParameterResource>())
        {
            parameters.Resolve(parameter);
            notifications.Publish(parameter.Name, s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy }, "Parameter");
        }

        AllocatePorts();
        _controllers = [.. model.Resources.Where(r => r is not ParameterResource).Select(CreateController)];
        echo.AlignTo(_controllers.Select(c => c.Name));
        foreach (var controller in _controllers)
        {
            controller.PublishInitial();
        }

        lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var controller in _controllers)
            {
                controller.MarkStopping();
            }
        });
        _run = Task.WhenAll(_controllers.Select(c => c.RunAsync(_stopping.Token)));
        _ = summary.PrintWhenUpAsync(_controllers.Select(c => c.Name).ToArray(), _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        OrchestratorLog.Stopping(logger);
        await _stopping.CancelAsync();
        foreach (var controller in _controllers)
        {
            controller.MarkStopping();
        }

        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Resources still waiting for their dependencies.
        }

        // Dependents first: projects use the servers until they have stopped.
        await Task.WhenAll(_controllers.Where(c => c.IsProject).Select(c => c.StopAsync()));
        await Task.WhenAll(_controllers.Where(c => !c.IsProject).Select(c => c.StopAsync()));
        OrchestratorLog.Stopped(logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    private void AllocatePorts()
    {
        foreach (var resource in model.Resources)
        {
            var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToList();
            for (var i = 0; i < endpoints.Count; i++)
            {
                var configured = i == 0 && options.Value.Ports.TryGetValue(resource.Name, out var p) ? p : endpoints[i].Port;
                var port = ports.Allocate(resource.Name, configured);
                endpoints[i].AllocatedEndpoint = new AllocatedEndpoint("localhost", port, endpoints[i].UriScheme);
            }
        }
    }

    private ResourceController CreateController(IResource resource)
    {
        var runner = runners.FirstOrDefault(r => r.CanRun(resource))
            ?? throw new DistributedApplicationException($"Resource '{resource.Name}' ({resource.GetType().Name}) cannot be run locally.");
        return new ResourceController(resource, runner, supervisor, notifications, logs, health, options, timeProvider, logger);
    }
}
