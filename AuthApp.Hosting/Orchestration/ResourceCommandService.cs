using AuthApp.Hosting.Runtime;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Aspire's start, stop and restart commands, applied by the orchestrator to one resource.</summary>
internal sealed class ResourceCommandService(Orchestrator orchestrator) : IResourceCommandService
{
    public Task StartAsync(string resourceName, CancellationToken cancellationToken = default) =>
        orchestrator[resourceName].StartAsync(cancellationToken);

    public Task StopAsync(string resourceName, CancellationToken cancellationToken = default) =>
        orchestrator[resourceName].StopAsync();

    public async Task RestartAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var controller = orchestrator[resourceName];
        await controller.StopAsync();
        await controller.StartAsync(cancellationToken);
    }
}
