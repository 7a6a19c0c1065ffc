namespace AuthApp.Hosting.Runtime;

/// <summary>
/// Aspire's resource commands (<c>resource-start</c>, <c>resource-stop</c>, <c>resource-restart</c>),
/// implemented by the orchestrator and called by the dashboard.
/// </summary>
public interface IResourceCommandService
{
    /// <summary>Starts a stopped resource.</summary>
    Task StartAsync(string resourceName, CancellationToken cancellationToken = default);

    /// <summary>Stops a running resource; the others keep running.</summary>
    Task StopAsync(string resourceName, CancellationToken cancellationToken = default);

    /// <summary>Stops then starts a resource.</summary>
    Task RestartAsync(string resourceName, CancellationToken cancellationToken = default);
}
