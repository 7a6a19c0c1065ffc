using AuthApp.Hosting.Runtime;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Prints the summary once every resource is healthy (or finished, like a migration), or says which one failed.</summary>
internal sealed class StartupSummary(
    IEnumerable<ISummaryLineProvider> providers,
    ResourceNotificationService notifications,
    ConsoleEcho echo,
    TimeProvider timeProvider)
{
    public async Task PrintWhenUpAsync(IReadOnlyList<string> resourceNames, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var ends = await Task.WhenAll(resourceNames.Select(name => notifications.WaitForAsync(name, IsSettled, cancellationToken)));
            var failed = resourceNames.Zip(ends).Where(e => !IsUp(e.Second)).Select(e => $"{e.First} ({e.Second.State})").ToList();
            if (failed.Count > 0)
            {
                echo.Block([string.Empty, $"AuthApp started with failures: {string.Join(", ", failed)}. See their output above.", string.Empty]);
                return;
            }

            var lines = providers.SelectMany(p => p.GetSummaryLines()).OrderBy(l => l.Order).ToList();
            var width = lines.Select(l => l.Label.Length).DefaultIfEmpty(0).Max();
            var elapsed = timeProvider.GetElapsedTime(started).TotalSeconds;
            echo.Block(
            [
                string.Empty,
                $"AuthApp is up: every resource is healthy ({elapsed:0.0} s). Press Ctrl+C to stop.",
                .. lines.Select(l => $"  {l.Label.PadRight(width)}  {l.Text}"),
                string.Empty,
            ]);
        }
        catch (OperationCanceledException)
        {
            // Stopped before everything was up.
        }
    }

    private static bool IsUp(ResourceSnapshot s) =>
        s.State == KnownResourceStates.Finished || (s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);

    private static bool IsSettled(ResourceSnapshot s) =>
        IsUp(s) || s.State is KnownResourceStates.FailedToStart or KnownResourceStates.Exited;
}
