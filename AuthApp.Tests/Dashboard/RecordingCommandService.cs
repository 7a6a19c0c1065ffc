using AuthApp.Hosting.Runtime;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// Stands in for the orchestrator in the dashboard-only tests: records each command and publishes the state
/// changes a real restart goes through, so the page's reaction can be observed.
/// </summary>
internal sealed class RecordingCommandService(ResourceNotificationService notifications) : IResourceCommandService
{
    public List<string> Calls { get; } = [];

    public Task StartAsync(string resourceName, CancellationToken cancellationToken = default) => Run("start", resourceName);

    public Task StopAsync(string resourceName, CancellationToken cancellationToken = default) => Run("stop", resourceName);

    public async Task RestartAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await Run("restart", resourceName);
        notifications.Publish(resourceName, s => s with { State = KnownResourceStates.Stopping, HealthStatus = null });
        await Task.Delay(300, cancellationToken);
        notifications.Publish(resourceName, s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = HealthStatus.Healthy,
            ProcessId = s.ProcessId + 1,
            StartTime = DateTimeOffset.UtcNow,
        });
    }

    private Task Run(string command, string resource)
    {
        lock (Calls)
        {
            Calls.Add($"{command} {resource}");
        }

        return Task.CompletedTask;
    }
}
